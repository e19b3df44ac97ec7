package io.releasegraph.provider.trifacta;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.cache.Validators;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.domain.RunStatus;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.UpstreamUnavailableException;
import io.releasegraph.provider.UploadedFile;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;

/** Every Trifacta call the gateway makes, checked on the wire. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
@TestProfile(TrifactaClientTest.SmallPages.class)
class TrifactaClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AUTH = "Bearer test-trifacta-token";

    /** Pages of two, so that paging is exercised with small stubs. */
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.trifacta.page-size", "2", "gateway.trifacta.token", "test-trifacta-token");
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TrifactaClient trifacta;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void walksDeploymentPagesUntilAShortPageAndSendsTheToken() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(deployments(deployment(1, "Sales ETL", 1, release(11, 1, true)),
                        deployment(2, "Inventory Sync", 0)))));
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(deployments(deployment(3, "Customer 360", 1, release(31, 3, false))))));

        List<Deployment> all = trifacta.listDeployments().await().atMost(WAIT);

        assertThat(all).extracting(Deployment::name).containsExactly("Sales ETL", "Inventory Sync", "Customer 360");
        assertThat(all.get(0).activeRelease()).map(DeploymentRelease::externalId).contains(11L);
        assertThat(all.get(2).activeRelease()).isEmpty();
        assertThat(all.get(2).allReleases().get(0).status()).isEqualTo(ReleaseStatus.INACTIVE);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v4/deployments"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("embed", equalTo("releases"))
                .withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void fetchesTheRestOfTheReleasesWhenTheEmbedWasCutShort() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(
                deployment(7, "Finance", 3, release(71, 7, false), release(72, 7, true)))));
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(list(release(71, 7, false), release(72, 7, true)))));
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(list(release(73, 7, false)))));

        Deployment deployment = trifacta.findDeployment(7).await().atMost(WAIT).orElseThrow();

        assertThat(deployment.allReleases()).extracting(DeploymentRelease::externalId)
                .containsExactlyInAnyOrder(71L, 72L, 73L);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v4/deployments/7"))
                .withQueryParam("embed", equalTo("releases")));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v4/releases")).withQueryParam("deploymentId", equalTo("7")));
    }

    @Test
    void answersEmptyForAnUnknownRelease() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/99")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"NotFound\",\"message\":\"no release\"}}")));

        assertThat(trifacta.findDeploymentRelease(99, Validators.NONE).await().atMost(WAIT).value()).isEmpty();
    }

    @Test
    void activatesWithAMinimalPatch() {
        wireMock.stubFor(patch(urlPathEqualTo("/v4/releases/12"))
                .willReturn(okJson("{\"id\":12,\"updater\":{\"id\":3},\"updatedAt\":\"2025-01-01T00:00:00.000Z\"}")));

        trifacta.setActive(12, true).await().atMost(WAIT);
        trifacta.setActive(12, false).await().atMost(WAIT);

        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v4/releases/12"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"active\":true}")));
        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v4/releases/12"))
                .withRequestBody(equalToJson("{\"active\":false}")));
    }

    @Test
    void importsThePackageAsThePartNamedData() throws IOException {
        byte[] zip = zip("flow.json", "{\"name\":\"2013 POS\"}");
        Path file = Files.createTempFile("package", ".zip");
        Files.write(file, zip);
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"importRuleChanges\":{\"object\":[],\"value\":[]},\"primaryFlowIds\":[6],"
                        + "\"flows\":[{\"id\":6,\"name\":\"2013 POS\"}],\"release\":" + release(5, 1, true) + "}")));

        TrifactaClient.ImportOutcome outcome = trifacta
                .importRelease(1, new UploadedFile("response.zip", "application/zip", file.toString(), zip.length), false)
                .await().atMost(WAIT);

        assertThat(outcome.flowNames()).containsExactly("2013 POS");
        assertThat(outcome.release()).map(DeploymentRelease::externalId).contains(5L);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v4/deployments/1/releases"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("data")
                        .withHeader("Content-Disposition", com.github.tomakehurst.wiremock.client.WireMock.containing("filename=\"response.zip\""))
                        .withBody(binaryEqualTo(zip)).build()));
    }

    @Test
    void dryRunGoesToTheDryRunRouteAndKeepsNoRelease() throws IOException {
        byte[] zip = zip("flow.json", "{}");
        Path file = Files.createTempFile("package", ".zip");
        Files.write(file, zip);
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases/dryRun"))
                .willReturn(okJson("{\"flows\":[{\"id\":6,\"name\":\"Checked flow\"}]}")));

        TrifactaClient.ImportOutcome outcome = trifacta
                .importRelease(1, new UploadedFile("p.zip", "application/zip", file.toString(), zip.length), true)
                .await().atMost(WAIT);

        assertThat(outcome.release()).isEmpty();
        assertThat(outcome.flowNames()).containsExactly("Checked flow");
        wireMock.verify(0, postRequestedFor(urlPathEqualTo("/v4/deployments/1/releases")));
    }

    @Test
    void runsWithTheOverridesBodyOfTheSeed() {
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/4/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"dd6a90e0\",\"id\":33}]}")));

        long jobGroup = trifacta.run(4, List.of(new RunParameter("myParamName", "override value")))
                .await().atMost(WAIT);

        assertThat(jobGroup).isEqualTo(33);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v4/deployments/4/run"))
                .withRequestBody(equalToJson("{\"runParameters\":{\"overrides\":{\"data\":"
                        + "[{\"key\":\"myParamName\",\"value\":\"override value\"}]}}}")));
    }

    @Test
    void runsWithAnEmptyBodyWithoutOverrides() {
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/4/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[{\"id\":34}]}")));

        assertThat(trifacta.run(4, List.of()).await().atMost(WAIT)).isEqualTo(34);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v4/deployments/4/run")).withRequestBody(absent()));
    }

    @Test
    void readsAJobGroupWithItsJobs() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson("{\"id\":33,\"status\":\"InProgress\","
                + "\"createdAt\":\"2025-01-01T00:00:00.000Z\",\"jobs\":{\"data\":[{\"id\":68,\"status\":\"Complete\","
                + "\"jobType\":\"wrangle\",\"percentComplete\":100},{\"id\":69,\"status\":\"InProgress\"}]}}")));

        JobGroup group = trifacta.findJobGroup(33, Validators.NONE).await().atMost(WAIT).value().orElseThrow();

        assertThat(group.status()).isEqualTo(RunStatus.IN_PROGRESS);
        assertThat(group.jobs()).extracting(job -> job.status()).containsExactly(RunStatus.COMPLETE, RunStatus.IN_PROGRESS);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v4/jobGroups/33")).withQueryParam("embed", equalTo("jobs")));
    }

    @Test
    void mapsA5xxToUpstreamErrorWithItsStatus() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/5")).willReturn(aResponse().withStatus(502)
                .withBody("{\"exception\":{\"name\":\"Down\",\"message\":\"internal detail\"}}")));

        assertThatThrownBy(() -> trifacta.findDeploymentRelease(5, Validators.NONE).await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamErrorException.class, e -> {
                    assertThat(e.httpStatus()).contains(502);
                    assertThat(e.upstream()).contains("trifacta");
                    assertThat(e.getMessage()).doesNotContain("internal detail");
                });
    }

    @Test
    void mapsA429ToRateLimitedWithTheWait() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/5")).willReturn(aResponse().withStatus(429)
                .withHeader("x-retry-after", "7")));

        assertThatThrownBy(() -> trifacta.findDeploymentRelease(5, Validators.NONE).await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(7));
    }

    @Test
    void mapsAnUnreadableAnswerAndAResetConnection() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/5")).willReturn(okJson("{\"id\": 5, \"notes\": ")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/6"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> trifacta.findDeploymentRelease(5, Validators.NONE).await().atMost(WAIT))
                .isInstanceOf(UpstreamErrorException.class);
        assertThatThrownBy(() -> trifacta.findDeploymentRelease(6, Validators.NONE).await().atMost(WAIT))
                .isInstanceOf(UpstreamUnavailableException.class);
    }

    static String deployments(String... deployments) {
        return list(deployments);
    }

    static String list(String... items) {
        return "{\"data\":[" + String.join(",", items) + "]}";
    }

    static String deployment(long id, String name, int numReleases, String... releases) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"createdAt\":\"2025-01-0" + (id % 9 + 1)
                + "T10:00:00.000Z\",\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":" + numReleases
                + ",\"latestRelease\":null,\"creator\":{\"id\":3},\"updater\":{\"id\":3},\"releases\":"
                + list(releases) + "}";
    }

    static String release(long id, long deploymentId, boolean active) {
        return "{\"id\":" + id + ",\"notes\":\"flow " + id + "\",\"packageUuid\":\"0f6c-" + id + "\",\"active\":"
                + (active ? "true" : "null") + ",\"createdAt\":\"2025-01-01T10:00:" + String.format("%02d", id % 60)
                + ".000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":" + deploymentId + "}}";
    }

    static byte[] zip(String entry, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
