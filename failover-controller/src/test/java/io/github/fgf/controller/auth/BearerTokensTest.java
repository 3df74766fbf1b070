package io.github.fgf.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class BearerTokensTest {

    /** A credential that hands out numbered tokens valid for one hour, and records the scopes asked for. */
    static final class CountingCredential implements TokenCredential {
        final List<List<String>> scopes = new CopyOnWriteArrayList<>();
        volatile Instant now = Instant.parse("2026-11-21T08:00:00Z");
        volatile RuntimeException failure;

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            if (failure != null) throw failure;
            scopes.add(request.getScopes());
            return new AccessToken("token-" + scopes.size(), OffsetDateTime.ofInstant(now.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        }
    }

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        CountingCredential c = new CountingCredential();
        MutableClock clock = new MutableClock(c.now);
        BearerTokens tokens = new BearerTokens(c, "https://management.azure.com/.default", clock);
        assertEquals("token-1", tokens.get());
        clock.now = c.now.plus(Duration.ofMinutes(54));
        assertEquals("token-1", tokens.get());
        clock.now = c.now.plus(Duration.ofMinutes(55));
        assertEquals("token-2", tokens.get());
        assertEquals(List.of(List.of("https://management.azure.com/.default"), List.of("https://management.azure.com/.default")),
                c.scopes);
    }

    @Test
    void theArmScopeFollowsTheEndpoint() {
        CountingCredential c = new CountingCredential();
        AzureCredentials.forArm(c, "https://management.usgovcloudapi.net/").get();
        assertEquals(List.of(List.of("https://management.usgovcloudapi.net/.default")), c.scopes);
    }

    @Test
    void aFailedTokenRequestIsOneLineWithTheScope() {
        CountingCredential c = new CountingCredential();
        c.failure = new IllegalStateException("DefaultAzureCredential failed to retrieve a token\nmore detail");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BearerTokens(c, "https://management.azure.com/.default", Clock.systemUTC()).get());
        assertEquals("cannot get an Azure AD token for [https://management.azure.com/.default]: DefaultAzureCredential failed "
                + "to retrieve a token", e.getMessage());
    }

    @Test
    void aServicePrincipalWithoutItsSecretInTheEnvironmentIsNamedWithoutAValue() {
        Topology.Credential sp = new Topology.Credential("service-principal", "tenant-1", "client-1", "FGF_SP_SECRET", null);
        TopologyException e = assertThrows(TopologyException.class, () -> AzureCredentials.build(sp, Map.of()));
        assertEquals("topology 'credential.clientSecretEnv': environment variable FGF_SP_SECRET is not set; it must hold the "
                + "service principal's client secret", e.getMessage());
        // with the secret set, the credential builds offline (no token is fetched until asked)
        assertFalse(AzureCredentials.build(sp, Map.of("FGF_SP_SECRET", "s3cr3t")).toString().contains("s3cr3t"));
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
