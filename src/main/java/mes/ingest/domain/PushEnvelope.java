package mes.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What a Pub/Sub push subscription POSTs:
 * {@code {"message":{"data":"<base64>","attributes":{...},"messageId":"...","publishTime":"..."},"subscription":"..."}}.
 */
public record PushEnvelope(byte[] data, Map<String, String> attributes, String messageId, Instant publishTime,
        String subscription) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pub/Sub message ids are decimal numbers of about 16 digits; anything longer is not one. */
    public static final int MAX_MESSAGE_ID = 100;

    /** The envelope cannot be read; the message says why. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    public static PushEnvelope parse(byte[] body) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new Invalid("the push envelope is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("message").isObject()) {
            throw new Invalid("the push envelope has no message object");
        }
        JsonNode message = root.get("message");
        byte[] data = new byte[0];
        if (message.has("data")) {
            if (!message.get("data").isTextual()) {
                throw new Invalid("message.data must be a base64 string");
            }
            try {
                data = Base64.getDecoder().decode(message.get("data").asText());
            } catch (IllegalArgumentException e) {
                throw new Invalid("message.data is not valid base64");
            }
        }
        Map<String, String> attributes = new HashMap<>();
        if (message.has("attributes")) {
            if (!message.get("attributes").isObject()) {
                throw new Invalid("message.attributes must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = message.get("attributes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    String key = e.getKey().length() <= 64 ? e.getKey() : e.getKey().substring(0, 61) + "...";
                    throw new Invalid("message.attributes." + key + " must be a string");
                }
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        Instant published = null;
        if (message.path("publishTime").isTextual()) {
            try {
                published = OffsetDateTime.parse(message.get("publishTime").asText()).toInstant();
            } catch (DateTimeException e) {
                throw new Invalid("message.publishTime is not an RFC 3339 timestamp");
            }
        }
        String messageId = null;
        if (message.has("messageId") && !message.get("messageId").isNull()) {
            JsonNode id = message.get("messageId");
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_MESSAGE_ID) {
                throw new Invalid("message.messageId must be a string of at most " + MAX_MESSAGE_ID + " characters");
            }
            messageId = id.asText();
        }
        return new PushEnvelope(data, Map.copyOf(attributes), messageId, published,
                root.path("subscription").asText(null));
    }
}
