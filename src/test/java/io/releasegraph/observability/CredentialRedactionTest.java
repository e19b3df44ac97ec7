package io.releasegraph.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form an {@code Authorization} value takes in a log line loses the whole value, whatever its scheme (RFC 9110
 * leaves the credentials' syntax to the scheme: Digest's hold quotes and commas, an opaque token may be short), and
 * what follows a quoted value survives.
 */
class CredentialRedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            digest header line      | Authorization: Digest username="ops", realm="api", nonce="n0nce", response="6629fae4"      | Authorization: [redacted]
            short opaque token      | Authorization: k3y                                                                          | Authorization: [redacted]
            json, then other header | {"Authorization":"Digest username=\\"ops\\", response=\\"6629fae4\\"","Accept":"*/*"}     | {"Authorization":"[redacted]","Accept":"*/*"}
            single-quoted           | headers {'authorization': 'ApiKey s3cr3t, scope=all', 'accept': 'json'}                    | headers {'authorization': '[redacted]', 'accept': 'json'}
            map entry to line end   | {Authorization=ApiKey s3cr3t, Accept=*/*}                                                   | {Authorization=[redacted]
            """)
    void anAuthorizationValueIsRedactedWhole(String form, String logged, String expected) {
        String clean = CredentialRedaction.redact(logged);

        assertThat(clean).isEqualTo(expected);
        assertThat(clean).doesNotContain("6629fae4").doesNotContain("s3cr3t").doesNotContain("k3y")
                .doesNotContain("n0nce");
    }
}
