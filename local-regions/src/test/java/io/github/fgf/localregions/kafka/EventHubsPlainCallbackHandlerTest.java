package io.github.fgf.localregions.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.junit.jupiter.api.Test;

class EventHubsPlainCallbackHandlerTest {

    private static final String KEY = ConnectionStrings.newKey();
    private static final String NS = "ns-primary.servicebus.windows.net";
    private static final String ALIAS = "fgf-alias.servicebus.windows.net";

    private static EventHubsPlainCallbackHandler handler() {
        EventHubsPlainCallbackHandler h = new EventHubsPlainCallbackHandler();
        h.configure(Map.of(), "PLAIN", List.of(new AppConfigurationEntry("PlainLoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("password", ConnectionStrings.of(NS, KEY), EventHubsPlainCallbackHandler.ACCEPTED_HOSTS, NS + "," + ALIAS))));
        return h;
    }

    private static boolean authenticate(String user, String password) throws Exception {
        NameCallback name = new NameCallback("user", user);
        PlainAuthenticateCallback pass = new PlainAuthenticateCallback(password.toCharArray());
        handler().handle(new Callback[] {name, pass});
        return pass.authenticated();
    }

    @Test
    void acceptsTheNamespaceAndAliasConnectionStringsWithTheSharedKey() throws Exception {
        assertTrue(authenticate("$ConnectionString", ConnectionStrings.of(NS, KEY)));
        assertTrue(authenticate("$ConnectionString", ConnectionStrings.of(ALIAS, KEY) + ";EntityPath=telemetry"));
    }

    @Test
    void rejectsAWrongKeyHostKeyNameOrUsername() throws Exception {
        assertFalse(authenticate("$ConnectionString", ConnectionStrings.of(NS, ConnectionStrings.newKey())));
        assertFalse(authenticate("$ConnectionString", ConnectionStrings.of("other.servicebus.windows.net", KEY)));
        assertFalse(authenticate("$ConnectionString", ConnectionStrings.of(NS, KEY).replace("RootManage", "Listen")));
        assertFalse(authenticate("admin", ConnectionStrings.of(NS, KEY)));
        assertFalse(authenticate("$ConnectionString", "not a connection string"));
    }
}
