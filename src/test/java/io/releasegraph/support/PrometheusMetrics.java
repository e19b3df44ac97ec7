package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

import io.restassured.specification.RequestSpecification;

/** Reads counters from {@code GET /q/metrics} (Prometheus text), as an operator's scraper would. */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /**
     * The sum of every series of {@code name} whose labels include all of {@code labels} ({@code key="value"} pairs
     * given as {@code "key", "value", ...}); 0 when there is none yet.
     */
    public static double sum(String name, String... labels) {
        return sum(given(), name, labels);
    }

    /** As {@link #sum(String, String...)}, against the server {@code request} points at. */
    public static double sum(RequestSpecification request, String name, String... labels) {
        String text = request.when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .map(PrometheusScrape::withoutExemplar)
                .filter(line -> hasLabels(line, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean hasLabels(String line, String... labels) {
        String series = line.substring(0, line.lastIndexOf(' '));
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!series.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return Arrays.stream(labels).noneMatch(String::isEmpty);
    }
}
