package com.envoyx.invoice.keychain.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.envoyx.contracts.apikey.Scope;

/**
 * The scope a key needs for the route; routes under /api/v1 without it need only a valid key.
 * {@link #upload()} makes the route also consume the key's upload budget.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {

    Scope value();

    boolean upload() default false;
}
