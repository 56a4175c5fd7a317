package com.envoyx.auth.account.model;

/** What a mailed token may do; a token of one purpose is never accepted for another. */
public enum TokenPurpose {
    EMAIL_VERIFICATION, PASSWORD_RESET
}
