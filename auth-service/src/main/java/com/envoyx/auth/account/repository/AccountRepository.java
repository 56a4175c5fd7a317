package com.envoyx.auth.account.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.Account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {
}
