package io.github.fgf.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/kubernetes, validated offline: bound to the Kubernetes model (fabric8) or the Flink
 * Kubernetes Operator's API classes with no unknown field, and every kustomization's references present.
 */
class KubernetesManifestsTest {

    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "flink.apache.org/v1beta1/FlinkDeployment", FlinkDeployment.class);

    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        }
    }

    static List<Manifest> manifests() throws Exception {
        List<Manifest> all = new ArrayList<>();
        for (Path f : DeployFiles.under(DeployFiles.KUBERNETES, ".yaml")) {
            if (f.getFileName().toString().equals("kustomization.yaml")) continue;
            try (MappingIterator<JsonNode> docs = StrictModel.YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                while (docs.hasNext()) {
                    JsonNode n = docs.next();
                    if (n != null && !n.isEmpty()) all.add(new Manifest(f, n));
                }
            }
        }
        return all;
    }

    @Test
    void everyManifestBindsToItsModelWithNoUnknownField() throws Exception {
        List<Manifest> all = manifests();
        assertTrue(all.size() >= 9, "manifests missing: " + all.size());
        for (Manifest m : all) {
            Class<?> type = KINDS.get(m.kind());
            assertTrue(type != null, m.file() + ": no model for " + m.kind() + " (add it to KINDS)");
            try {
                StrictModel.bind(m.node(), type);
            } catch (Exception e) {
                throw new AssertionError(m.file() + " (" + m.kind() + "): " + e.getMessage(), e);
            }
        }
    }

    @Test
    void anUnknownFieldIsCaughtInBothModels() throws Exception {
        // The check itself: a misspelt field in a fabric8 class and in an operator spec class.
        JsonNode deployment = StrictModel.YAML.readTree("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
                + "spec: {replicas: 1, template: {spec: {containers: [{name: c, image: i, imagePullPolicyy: Always}]}}}\n");
        IllegalArgumentException fabric8 = assertThrows(IllegalArgumentException.class, () -> StrictModel.bind(deployment, Deployment.class));
        assertTrue(fabric8.getMessage().contains("imagePullPolicyy"), fabric8.getMessage());
        JsonNode flink = StrictModel.YAML.readTree("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n"
                + "metadata: {name: x}\nspec: {flinkVersion: v1_20, job: {jarURI: 'local:///x.jar', upgradMode: savepoint}}\n");
        IllegalArgumentException operator = assertThrows(IllegalArgumentException.class, () -> StrictModel.bind(flink, FlinkDeployment.class));
        assertTrue(operator.getMessage().contains("upgradMode"), operator.getMessage());
    }

    @Test
    void theFlinkDeploymentsRunFlink120WithTheOperatorsPeriodicSavepointsOffAndSecretsAsFiles() throws Exception {
        Set<String> names = new HashSet<>();
        for (Manifest m : manifests()) {
            if (!m.kind().endsWith("/FlinkDeployment")) continue;
            FlinkDeployment d = StrictModel.bind(m.node(), FlinkDeployment.class);
            names.add(d.getMetadata().getName());
            assertEquals(FlinkVersion.v1_20, d.getSpec().getFlinkVersion(), m.file().toString());
            // The controller takes the savepoints; the operator's would be restore points nobody verifies or prunes.
            assertEquals("0", d.getSpec().getFlinkConfiguration().get("kubernetes.operator.periodic.savepoint.interval"), m.file().toString());
            assertEquals("1 s", d.getSpec().getFlinkConfiguration().get("metrics.fetcher.update-interval"), m.file().toString());
            var container = d.getSpec().getPodTemplate().getSpec().getContainers().get(0);
            assertTrue(container.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/etc/fgf/eventhubs")), m.file().toString());
            if (d.getSpec().getJob() != null) {
                assertFalse(d.getSpec().getJob().getArgs() == null, m.file().toString());
                assertFalse(String.join(" ", d.getSpec().getJob().getArgs()).contains("--eventhubs.connection-string "),
                        m.file() + ": a secret as a program argument");
            }
        }
        assertEquals(Set.of("fgf-telemetry", "fgf-standby"), names);
    }

    @Test
    void noManifestHoldsASecret() {
        for (Path f : DeployFiles.under(DeployFiles.KUBERNETES, ".yaml", ".conf")) {
            String text = DeployFiles.read(f);
            for (String secret : List.of("SharedAccessKey=", "AccountKey=", "sig=", "fs.azure.account.key.")) {
                assertFalse(text.contains(secret), f + " holds " + secret + "...: secrets belong in the Secrets of docs/azure.md step 6");
            }
        }
    }

    @Test
    void everyKustomizationReferencesFilesThatExistAndEveryManifestIsReferenced() throws Exception {
        Set<Path> referenced = new HashSet<>();
        for (Path k : DeployFiles.under(DeployFiles.KUBERNETES, "kustomization.yaml")) {
            JsonNode n = StrictModel.YAML.readTree(k.toFile());
            assertEquals("kustomize.config.k8s.io/v1beta1", n.path("apiVersion").asText(), k.toString());
            for (JsonNode r : n.path("resources")) {
                Path p = k.resolveSibling(r.asText()).normalize();
                assertTrue(Files.exists(p), k + ": resource " + r.asText() + " does not exist");
                referenced.add(p);
            }
            for (JsonNode g : n.path("configMapGenerator")) {
                for (JsonNode file : g.path("files")) {
                    String name = file.asText();
                    Path p = k.resolveSibling(name.contains("=") ? name.substring(name.indexOf('=') + 1) : name).normalize();
                    assertTrue(Files.exists(p), k + ": configMapGenerator file " + name + " does not exist");
                }
            }
        }
        for (Manifest m : manifests()) {
            // The drill's Job is created on demand (docs/azure.md, step 7), not applied with an overlay.
            if (m.file().startsWith(DeployFiles.KUBERNETES.resolve("drill"))) continue;
            assertTrue(referenced.contains(m.file().normalize()), m.file() + " is in no kustomization's resources");
        }
    }
}
