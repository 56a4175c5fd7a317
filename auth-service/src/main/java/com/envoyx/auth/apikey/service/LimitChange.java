package com.envoyx.auth.apikey.service;

import java.util.Map;

import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.contracts.token.InternalTokenClaims;

/**
 * The limit members an operator sent: a number sets the override, null returns the limit to the
 * configured default, an absent member stays as it is.
 */
public record LimitChange(Map<String, Integer> members) {

    void applyTo(ApiKey key) {
        if (members.containsKey(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE)) {
            key.requestsPerMinute = members.get(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE);
        }
        if (members.containsKey(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR)) {
            key.uploadsPerHour = members.get(InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR);
        }
        if (members.containsKey(InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS)) {
            key.websocketConnections = members.get(InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS);
        }
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        members.forEach((member, value) -> text.append(text.isEmpty() ? "" : ", ")
                .append(member).append('=').append(value == null ? "default" : value));
        return text.toString();
    }
}
