package io.github.fgf.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a manifest to its model class and reports every field the model does not know. Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES catches them in plain classes; the operator's spec classes ignore them, so a field of the
 * manifest that the bound object does not give back is unknown; fabric8's Kubernetes classes keep them in
 * {@code additionalProperties}, so those are walked and must be empty.
 */
final class StrictModel {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StrictModel() {}

    /** The manifest as an instance of {@code type}; throws on an unknown field, naming its path. */
    static <T> T bind(JsonNode manifest, Class<T> type) throws Exception {
        T value = YAML.treeToValue(manifest, type);
        List<String> unknown = new ArrayList<>();
        walk(value, "", unknown, new IdentityHashMap<>());
        // Classes that ignore unknown fields (the operator's specs) drop them: what does not come back was not known.
        lost(manifest, YAML.valueToTree(value), "", unknown);
        if (!unknown.isEmpty()) throw new IllegalArgumentException("unknown fields " + unknown);
        return value;
    }

    private static void lost(JsonNode given, JsonNode bound, String path, List<String> unknown) {
        if (given.isObject()) {
            given.fields().forEachRemaining(f -> {
                JsonNode b = bound == null ? null : bound.get(f.getKey());
                if (b == null) {
                    unknown.add(path + "." + f.getKey());
                } else {
                    lost(f.getValue(), b, path + "." + f.getKey(), unknown);
                }
            });
        } else if (given.isArray()) {
            if (bound == null || !bound.isArray() || bound.size() != given.size()) {
                unknown.add(path + " (a list the model did not keep whole)");
                return;
            }
            for (int i = 0; i < given.size(); i++) lost(given.get(i), bound.get(i), path + "[" + i + "]", unknown);
        }
    }

    private static void walk(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) walk(e, path + "[" + i++ + "]", unknown, seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) walk(e.getValue(), path + "." + e.getKey(), unknown, seen);
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("org.apache.flink.kubernetes.operator.")) return;
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || g.getDeclaringClass() == Object.class) continue;
            String n = g.getName();
            if (!n.startsWith("get") || n.equals("getClass")) continue;
            Object v;
            try {
                v = g.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // a computed getter that needs more than the manifest gives (not a field)
            }
            if (n.equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            walk(v, path + "." + Character.toLowerCase(n.charAt(3)) + n.substring(4), unknown, seen);
        }
    }
}
