package io.releasegraph.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;

import java.net.http.WebSocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A WebSocket listener that puts each whole text message, read as JSON, on a queue (graphql-transport-ws tests). */
public final class JsonMessageCollector implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages;
    private final StringBuilder partial = new StringBuilder();

    public JsonMessageCollector(BlockingQueue<JsonNode> messages) {
        this.messages = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }
}
