// The stack's ceiling for the flat list: a bare Vert.x route that does only what the flat query must do per request
// (one upstream call, parse the 100 deployments with Jackson, answer 100 objects of 5 fields as JSON), without
// GraphQL, caller auth, fault tolerance or a REST client. bench/run.sh runs it on the gateway's own libraries and JVM
// settings, so "flat-strict" can be read against what this machine allows before any gateway code runs.
//
// Usage (a single-file program): java -cp <target/quarkus-app/lib/main/*> BareGateway.java <port> <upstream base URL>
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Base64;

public class BareGateway {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1] + "/trifacta/v4/deployments?limit=200&offset=0&embed=releases");
        ObjectMapper json = new ObjectMapper();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2 * Runtime.getRuntime().availableProcessors()));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(200));
        RequestOptions call = new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.getHost())
                .setPort(upstream.getPort()).setURI(upstream.getRawPath() + "?" + upstream.getRawQuery());
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(ignored -> client.request(call)
                .compose(upstreamRequest -> upstreamRequest.send().compose(response -> response.body()))
                .onSuccess(body -> {
                    try {
                        JsonNode page = json.readTree(body.getBytes());
                        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
                        try (JsonGenerator answer = json.getFactory().createGenerator(out)) {
                            answer.writeStartObject();
                            answer.writeObjectFieldStart("data");
                            answer.writeObjectFieldStart("deployments");
                            answer.writeArrayFieldStart("nodes");
                            for (JsonNode deployment : page.get("data")) {
                                answer.writeStartObject();
                                answer.writeStringField("id", Base64.getUrlEncoder().withoutPadding().encodeToString(
                                        ("trifacta:Deployment:" + deployment.get("id").asLong()).getBytes()));
                                answer.writeStringField("name", deployment.get("name").asText());
                                answer.writeNumberField("releaseCount", deployment.get("numReleases").asInt());
                                answer.writeStringField("createdAt", deployment.get("createdAt").asText());
                                answer.writeStringField("updatedAt", deployment.get("updatedAt").asText());
                                answer.writeEndObject();
                            }
                            answer.writeEndArray();
                            answer.writeEndObject();
                            answer.writeEndObject();
                            answer.writeEndObject();
                        }
                        request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(out.toByteArray()));
                    } catch (Exception e) {
                        request.response().setStatusCode(500).end();
                    }
                })
                .onFailure(failure -> request.response().setStatusCode(502).end())))
                .listen(port, "127.0.0.1").onSuccess(server -> System.out.println("listening on " + port));
    }
}
