package io.releasegraph.graphql;

import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.Ids;

/** An upload over {@code gateway.upload.max-bytes} is refused before it reaches any resolver or upstream. */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallUploads.class)
class UploadLimitTest {

    public static class SmallUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upload.max-bytes", "1024");
        }
    }

    @Test
    void refusesAnOversizedUploadWith413() {
        byte[] big = new byte[200 * 1024];
        Arrays.fill(big, (byte) 'P');
        ImportReleaseTest.upload(Ids.deployment(1), false, "big.zip", big)
                .statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }
}
