package io.github.fgf.controller.auth;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * Bearer tokens for one scope, fetched from a credential and reused until five minutes before
 * they expire: a failover makes many ARM calls in a few seconds, and the identity endpoint
 * throttles. The token never leaves this class except as the header value.
 */
public final class BearerTokens implements Supplier<String> {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final Clock clock;
    private AccessToken current;

    public BearerTokens(TokenCredential credential, String scope, Clock clock) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (current == null || !current.getExpiresAt().minus(REFRESH_BEFORE_EXPIRY).isAfter(now)) {
            try {
                current = credential.getTokenSync(request);
            } catch (RuntimeException e) {
                // azure-identity's messages name the credential chain and what failed, never the secret
                throw new IllegalStateException("cannot get an Azure AD token for " + request.getScopes() + ": "
                        + firstLine(e.getMessage()), e);
            }
        }
        return current.getToken();
    }

    private static String firstLine(String s) {
        if (s == null) return "no reason given";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
