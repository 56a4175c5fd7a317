package com.envoyx.auth;

import com.envoyx.infra.testing.HouseShapeContract;

class HouseShapeTest extends HouseShapeContract {

    @Override
    protected String rootPackage() {
        return "com.envoyx.auth";
    }
}
