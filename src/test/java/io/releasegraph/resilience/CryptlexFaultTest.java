package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;

/** Cryptlex's faults: reading a product release, and publishing one (POST /v3/releases/r1/publish). */
@QuarkusTest
@TestProfile(FaultProfile.class)
@WithTestResource(CryptlexWireMock.class)
class CryptlexFaultTest extends UpstreamFaultSuite {

    @InjectWireMock
    WireMockServer wireMock;

    @Override
    WireMockServer upstream() {
        return wireMock;
    }

    @Override
    String name() {
        return "cryptlex";
    }

    @Override
    MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo("/v3/releases/r1")).willReturn(answer);
    }

    @Override
    String okReadBody() {
        return release("r1", false);
    }

    @Override
    RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo("/v3/releases/r1"));
    }

    @Override
    String readBreaker() {
        return "cryptlex-findProductRelease";
    }

    @Override
    void stubWorkingRead() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r2")).willReturn(okJson(release("r2", false))));
    }

    @Override
    String readDocument() {
        return "faults/cryptlexRead";
    }

    @Override
    Map<String, Object> readVariables() {
        return Map.of("broken", Ids.productRelease("r1"), "working", Ids.productRelease("r2"));
    }

    @Override
    void stubWriteContext() {
        wireMock.stubFor(readStub(okJson(okReadBody())));
    }

    @Override
    MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo("/v3/releases/r1/publish")).willReturn(answer);
    }

    @Override
    String okWriteBody() {
        return release("r1", true);
    }

    @Override
    RequestPatternBuilder writeRequests() {
        return postRequestedFor(urlPathEqualTo("/v3/releases/r1/publish"));
    }

    @Override
    String writeDocument() {
        return "publishProductRelease";
    }

    @Override
    Map<String, Object> writeVariables() {
        return Map.of("id", Ids.productRelease("r1"));
    }

    @Override
    String writeField() {
        return "publishProductRelease";
    }

    private static String release(String id, boolean published) {
        return "{\"id\":\"" + id + "\",\"createdAt\":\"2025-06-03T10:00:00Z\",\"updatedAt\":\"2025-06-03T10:00:00Z\","
                + "\"name\":\"Release " + id + "\",\"channel\":\"stable\",\"version\":\"1.0." + id.length() + "\","
                + "\"platforms\":[\"windows\"],\"notes\":\"\",\"totalFiles\":0,\"publishedAt\":"
                + (published ? "\"2025-06-03T12:00:00Z\"" : "null") + ",\"files\":[],\"published\":" + published
                + ",\"private\":false,\"archived\":false,\"productId\":\"p-1\",\"tenantId\":\"t-1\"}";
    }
}
