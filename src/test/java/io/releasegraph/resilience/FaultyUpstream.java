package io.releasegraph.resilience;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * One upstream as {@link UpstreamFaultTest} breaks it: a query with a read to break (field {@code broken}) and a
 * healthy one (field {@code working}), and a mutation whose upstream write is broken. Only descriptions: the test
 * stubs them on the upstream's own WireMock server.
 */
interface FaultyUpstream {

    /** As in {@code extensions.upstream}, and the {@code @InjectWireMock} name of its server. */
    String name();

    /** The read the suite breaks (field {@code broken}). */
    MappingBuilder readStub(ResponseDefinitionBuilder answer);

    String okReadBody();

    RequestPatternBuilder readRequests();

    /** The breaker guarding that read. */
    String readBreaker();

    /** The other read of the query (field {@code working}), which must keep its data. */
    List<MappingBuilder> workingReadStubs();

    String readDocument();

    Map<String, Object> readVariables();

    /** What the mutation reads before it writes. */
    List<MappingBuilder> writeContextStubs();

    /** The mutation's upstream write, as a stub to answer with. */
    MappingBuilder writeStub(ResponseDefinitionBuilder answer);

    String okWriteBody();

    RequestPatternBuilder writeRequests();

    String writeDocument();

    Map<String, Object> writeVariables();

    /** The mutation's field in {@code data}. */
    String writeField();
}
