package io.github.fgf.localregions.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;

/**
 * Broker-side SASL PLAIN check that behaves like the Event Hubs Kafka endpoint: the username is
 * {@code $ConnectionString} and the password a connection string whose endpoint is this namespace
 * or its Geo-DR alias, and whose key name and key match the namespace's policy.
 *
 * <p>JAAS options: {@code password} (the namespace's own connection string) and
 * {@code fgf.accepted.hosts} (comma-separated endpoint hosts).
 */
public class EventHubsPlainCallbackHandler implements AuthenticateCallbackHandler {

    public static final String USERNAME = "$ConnectionString";
    public static final String ACCEPTED_HOSTS = "fgf.accepted.hosts";

    private String keyName;
    private byte[] key;
    private Set<String> acceptedHosts;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
        Map<String, String> own = ConnectionStrings.parse((String) options.get("password"));
        this.keyName = own.get("SharedAccessKeyName");
        this.key = own.get("SharedAccessKey").getBytes(StandardCharsets.UTF_8);
        this.acceptedHosts = Arrays.stream(((String) options.get(ACCEPTED_HOSTS)).split(","))
                .map(String::trim).map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String username = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback nc) {
                username = nc.getDefaultName();
            } else if (callback instanceof PlainAuthenticateCallback pc) {
                pc.authenticated(USERNAME.equals(username) && accepts(new String(pc.password())));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    boolean accepts(String connectionString) {
        Map<String, String> parts = ConnectionStrings.parse(connectionString);
        String host = ConnectionStrings.host(parts);
        String presentedKey = parts.getOrDefault("SharedAccessKey", "");
        return host != null && acceptedHosts.contains(host)
                && keyName.equals(parts.get("SharedAccessKeyName"))
                && MessageDigest.isEqual(key, presentedKey.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
}
