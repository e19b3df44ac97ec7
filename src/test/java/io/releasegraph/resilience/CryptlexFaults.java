package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.releasegraph.support.Ids;

/** Cryptlex's faults: reading a product release, and publishing one (POST /v3/releases/r1/publish). */
final class CryptlexFaults implements FaultyUpstream {

    @Override
    public String name() {
        return "cryptlex";
    }

    @Override
    public MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo("/v3/releases/r1")).willReturn(answer);
    }

    @Override
    public String okReadBody() {
        return release("r1", false);
    }

    @Override
    public RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo("/v3/releases/r1"));
    }

    @Override
    public String readBreaker() {
        return "cryptlex-findProductRelease";
    }

    @Override
    public List<MappingBuilder> workingReadStubs() {
        return List.of(get(urlPathEqualTo("/v3/releases/r2")).willReturn(okJson(release("r2", false))));
    }

    @Override
    public String readDocument() {
        return "faults/cryptlexRead";
    }

    @Override
    public Map<String, Object> readVariables() {
        return Map.of("broken", Ids.productRelease("r1"), "working", Ids.productRelease("r2"));
    }

    @Override
    public List<MappingBuilder> writeContextStubs() {
        return List.of(readStub(okJson(okReadBody())));
    }

    @Override
    public MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo("/v3/releases/r1/publish")).willReturn(answer);
    }

    @Override
    public String okWriteBody() {
        return release("r1", true);
    }

    @Override
    public RequestPatternBuilder writeRequests() {
        return postRequestedFor(urlPathEqualTo("/v3/releases/r1/publish"));
    }

    @Override
    public String writeDocument() {
        return "publishProductRelease";
    }

    @Override
    public Map<String, Object> writeVariables() {
        return Map.of("id", Ids.productRelease("r1"));
    }

    @Override
    public String writeField() {
        return "publishProductRelease";
    }

    @Override
    public String toString() {
        return name();
    }

    private static String release(String id, boolean published) {
        return "{\"id\":\"" + id + "\",\"createdAt\":\"2025-06-03T10:00:00Z\",\"updatedAt\":\"2025-06-03T10:00:00Z\","
                + "\"name\":\"Release " + id + "\",\"channel\":\"stable\",\"version\":\"1.0." + id.length() + "\","
                + "\"platforms\":[\"windows\"],\"notes\":\"\",\"totalFiles\":0,\"publishedAt\":"
                + (published ? "\"2025-06-03T12:00:00Z\"" : "null") + ",\"files\":[],\"published\":" + published
                + ",\"private\":false,\"archived\":false,\"productId\":\"p-1\",\"tenantId\":\"t-1\"}";
    }
}
