package com.envoyx.invoice.webhooks.model;

import java.util.List;
import java.util.Optional;

/**
 * What a create or an update asks for, already checked; empty fields are left as they are (on
 * create: events default to every invoice event, no description).
 *
 * @param status {@code active} (re-enables a disabled endpoint, clearing its reason) or {@code disabled}
 */
public record EndpointChange(Optional<String> url, Optional<List<String>> events, Optional<Optional<String>> description,
                             Optional<String> status) {
}
