package com.envoyx.auth.platform;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import com.envoyx.contracts.net.ForwardedAddressTrust;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when forwarding headers would be believed from every sender (issue 15 item 7,
 * rule and message in contracts' {@link ForwardedAddressTrust}). Runs before any other startup
 * work. It reads Quarkus' own quarkus.http.proxy settings, the ones Quarkus acts on, rather than
 * a mapping of ours: they are not our tunables, and a copy could disagree with what is applied.
 */
@ApplicationScoped
public class ForwardedAddressCheck {

    void check(@Observes @Priority(1) StartupEvent event, Config config) {
        boolean forwarding = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false);
        ForwardedAddressTrust.refusal(forwarding, config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class)
                        .map(List::copyOf))
                .ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
    }
}
