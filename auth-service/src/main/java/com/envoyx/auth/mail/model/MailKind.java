package com.envoyx.auth.mail.model;

/**
 * The mails the service sends. Each has a subject and two Qute templates,
 * {@code templates/mail/<template>.txt} and {@code .html}, rendered when the mail is sent.
 */
public enum MailKind {
    VERIFY_EMAIL("verify-email", "Verify your email address for EnvoyX"),
    ACCOUNT_EXISTS("account-exists", "You already have an EnvoyX account"),
    PASSWORD_RESET("password-reset", "Reset your EnvoyX password"),
    PASSWORD_CHANGED("password-changed", "Your EnvoyX password was changed");

    private final String template;
    private final String subject;

    MailKind(String template, String subject) {
        this.template = template;
        this.subject = subject;
    }

    public String template() {
        return template;
    }

    public String subject() {
        return subject;
    }
}
