package io.ipaasops.credentials;

import java.util.List;

/**
 * The shared secrets webhook signatures may be made with; several at once during a rotation.
 *
 * @param secrets the active secrets; empty means no webhook can be accepted
 */
public record WebhookSecrets(List<String> secrets) {

    @Override
    public String toString() {
        return "WebhookSecrets[" + secrets.size() + " secret(s)]";
    }
}
