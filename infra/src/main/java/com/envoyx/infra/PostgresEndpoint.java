package com.envoyx.infra;

/** A PostgreSQL server the suite can use, embedded or not. */
public record PostgresEndpoint(String host, int port, String user, String password, boolean embedded) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** URL in the form the Vert.x reactive client expects. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }
}
