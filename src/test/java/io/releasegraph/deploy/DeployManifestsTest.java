package io.releasegraph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Parses every manifest in {@code deploy/k8s} and holds it to the application: the container port is
 * {@code quarkus.http.port}, probes hit the health endpoints, the pieces reference each other by the right names,
 * and every environment variable sets a property the application reads at run time.
 */
class DeployManifestsTest {

    private static final Path K8S = Path.of("deploy", "k8s");
    private static final String LABEL = "app.kubernetes.io/name";

    private static final Map<String, List<JsonNode>> BY_KIND = new HashMap<>();
    private static final Properties APPLICATION = new Properties();

    @BeforeAll
    static void load() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode document : yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
                    assertThat(document.path("apiVersion").asText()).as("apiVersion in %s", file).isNotEmpty();
                    BY_KIND.computeIfAbsent(document.path("kind").asText(), kind -> new ArrayList<>()).add(document);
                }
            }
        }
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            APPLICATION.load(in);
        }
    }

    @Test
    void everyPieceAnOperatorNeedsIsThere() {
        assertThat(BY_KIND).containsKeys("Deployment", "Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "Kustomization");
        BY_KIND.values().stream().flatMap(List::stream).filter(doc -> !doc.path("kind").asText().equals("Kustomization"))
                .forEach(doc -> assertThat(doc.at("/metadata/name").asText()).as("name of a %s", doc.path("kind"))
                        .isNotEmpty());
    }

    @Test
    void theContainerListensOnTheApplicationsHttpPortAndProbesItsHealthEndpoints() {
        JsonNode container = container();
        int httpPort = Integer.parseInt(APPLICATION.getProperty("quarkus.http.port"));
        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(httpPort);
        String portName = port.path("name").asText();

        assertThat(probe(container, "livenessProbe")).isEqualTo("/q/health/live");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/q/health/ready");
        assertThat(probe(container, "startupProbe")).isEqualTo("/q/health/started");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe)
                    .isIn(portName, Integer.toString(httpPort));
        }
        assertThat(deployment().at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(Integer.toString(httpPort));
        assertThat(deployment().at("/spec/template/metadata/annotations/prometheus.io~1path").asText())
                .isEqualTo("/q/metrics");
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    }

    @Test
    void serviceAutoscalerAndDisruptionBudgetPointAtTheDeployment() {
        JsonNode deployment = deployment();
        String app = deployment.at("/spec/template/metadata/labels").path(LABEL).asText();
        assertThat(deployment.at("/spec/selector/matchLabels").path(LABEL).asText()).isEqualTo(app);

        JsonNode service = one("Service");
        assertThat(service.at("/spec/selector").path(LABEL).asText()).isEqualTo(app);
        assertThat(service.at("/spec/ports/0/targetPort").asText())
                .isIn(container().at("/ports/0/name").asText(), container().at("/ports/0/containerPort").asText());

        JsonNode hpa = one("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(hpa.at("/spec/minReplicas").asInt()).as("several replicas").isGreaterThanOrEqualTo(2);

        JsonNode pdb = one("PodDisruptionBudget");
        assertThat(pdb.at("/spec/selector/matchLabels").path(LABEL).asText()).isEqualTo(app);
        assertThat(pdb.at("/spec/minAvailable").asInt()).isLessThan(hpa.at("/spec/minReplicas").asInt());
    }

    @Test
    void environmentComesFromTheConfigMapAndTheSecret() {
        List<String> sources = new ArrayList<>();
        container().path("envFrom").forEach(source -> {
            source.fieldNames().forEachRemaining(kind -> sources.add(kind + ":" + source.path(kind).path("name").asText()));
        });
        assertThat(sources).containsExactlyInAnyOrder(
                "configMapRef:" + one("ConfigMap").at("/metadata/name").asText(),
                "secretRef:" + one("Secret").at("/metadata/name").asText());
        assertThat(one("ConfigMap").at("/data/GATEWAY_SANDBOX_ENABLED").asText()).isEqualTo("false");
    }

    @Test
    void theSecretIsATemplateAndTheConfigMapHoldsNoSecrets() {
        one("Secret").path("stringData").fields().forEachRemaining(entry ->
                assertThat(entry.getValue().asText()).as(entry.getKey()).isEqualTo("REPLACE_ME"));
        assertThat(one("Secret").has("data")).as("no base64 values in the template").isFalse();
        one("ConfigMap").path("data").fieldNames().forEachRemaining(name ->
                assertThat(name).as("belongs in the Secret").doesNotContain("TOKEN", "PASSWORD", "USERNAME", "SECRET"));
    }

    @Test
    void everyEnvironmentVariableSetsAPropertyTheApplicationReadsAtRunTime() {
        Set<String> known = new HashSet<>();
        for (String key : APPLICATION.stringPropertyNames()) {
            known.add(env(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
        }
        configMappingKeys().forEach(key -> known.add(env(key)));
        QuarkusProperties quarkus = QuarkusProperties.onClasspath();
        known.addAll(quarkus.runTime());

        List<String> names = new ArrayList<>();
        one("ConfigMap").path("data").fieldNames().forEachRemaining(names::add);
        one("Secret").path("stringData").fieldNames().forEachRemaining(names::add);
        container().path("env").forEach(variable -> names.add(variable.path("name").asText()));

        assertThat(names).isNotEmpty().allSatisfy(name -> {
            assertThat(quarkus.buildTime()).as("%s is fixed at build time: setting it on a pod does nothing", name)
                    .doesNotContain(name);
            assertThat(known.contains(name) || quarkus.namedRunTime(name))
                    .as("%s maps to no property the application knows", name).isTrue();
        });
    }

    /** A property's environment variable name, as SmallRye Config maps it. */
    static String env(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Every key of the application's {@code @ConfigMapping} interfaces, found in the compiled classes. */
    static List<String> configMappingKeys() {
        List<String> keys = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.')
                        .replace('\\', '.');
                Class<?> type = Class.forName(name, false, DeployManifestsTest.class.getClassLoader());
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    collect(type, mapping.prefix(), keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertThat(keys).as("keys of the @ConfigMapping interfaces").contains("gateway.sandbox.enabled");
        return keys;
    }

    private static void collect(Class<?> mapping, String prefix, List<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String key = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> group = group(method.getGenericReturnType());
            if (group != null) {
                collect(group, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The nested mapping a method returns (directly or in an Optional), or null for a plain value. */
    private static Class<?> group(Type type) {
        if (type instanceof Class<?> c) {
            return c.isInterface() && c.getName().startsWith("io.releasegraph.") ? c : null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return group(p.getActualTypeArguments()[0]);
        }
        return null;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Quarkus' own properties, from the config model every extension ships. */
    record QuarkusProperties(Set<String> runTime, Set<String> buildTime) {

        /**
         * A run-time property of a named instance, e.g. {@code QUARKUS_DATASOURCE_PG_JDBC_URL} for the datasource
         * {@code pg}: the same name without the instance segment is a run-time property.
         */
        boolean namedRunTime(String name) {
            List<String> parts = List.of(name.split("_"));
            for (int i = 2; i < parts.size() - 1; i++) {
                List<String> without = new ArrayList<>(parts);
                without.remove(i);
                if (runTime.contains(String.join("_", without))) {
                    return true;
                }
            }
            return false;
        }

        static QuarkusProperties onClasspath() {
            Set<String> runTime = new HashSet<>();
            Set<String> buildTime = new HashSet<>();
            ObjectMapper json = new ObjectMapper();
            try {
                for (URL model : Collections.list(DeployManifestsTest.class.getClassLoader()
                        .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                    try (InputStream in = model.openStream()) {
                        json.readTree(in).findParents("phase").forEach(property -> {
                            String variable = property.at("/path/environmentVariable").asText();
                            if (!variable.isEmpty()) {
                                (property.path("phase").asText().equals("RUN_TIME") ? runTime : buildTime).add(variable);
                            }
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(runTime).as("Quarkus config models on the classpath").contains("QUARKUS_DATASOURCE_PASSWORD");
            return new QuarkusProperties(runTime, buildTime);
        }
    }

    private static String probe(JsonNode container, String probe) {
        return container.at("/" + probe + "/httpGet/path").asText();
    }

    private static JsonNode deployment() {
        return one("Deployment");
    }

    private static JsonNode container() {
        JsonNode containers = deployment().at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static JsonNode one(String kind) {
        List<JsonNode> documents = BY_KIND.getOrDefault(kind, List.of());
        assertThat(documents).as(kind).hasSize(1);
        return documents.get(0);
    }
}
