package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One read of {@code /q/metrics} in the Prometheus text format, as series (name and labels) to values. */
public final class PrometheusScrape {

    private final Map<String, Double> values;

    private PrometheusScrape(Map<String, Double> values) {
        this.values = values;
    }

    public static PrometheusScrape now() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return new PrometheusScrape(text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(PrometheusScrape::withoutExemplar)
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), (a, b) -> b)));
    }

    /** OpenMetrics may append an exemplar ({@code # {trace_id=...} value}) after the sample's value. */
    static String withoutExemplar(String line) {
        int exemplar = line.indexOf(" # ");
        return exemplar < 0 ? line : line.substring(0, exemplar);
    }

    /** The value of a series written exactly as Prometheus prints it (labels in name order); 0 when absent. */
    public double value(String series) {
        return values.getOrDefault(series, 0.0);
    }

    /** Every series whose name starts with the prefix. */
    public List<String> series(String prefix) {
        return values.keySet().stream().filter(series -> series.startsWith(prefix)).sorted().toList();
    }

    /** A label's value in a series, or an empty string. */
    public static String label(String series, String name) {
        Matcher matcher = Pattern.compile("[{,]" + name + "=\"([^\"]*)\"").matcher(series);
        return matcher.find() ? matcher.group(1) : "";
    }
}
