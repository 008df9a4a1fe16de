package mes.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a provider schema, given in the JSON of `terraform providers schema -json` (one
 * provider's object: provider, resource_schemas, data_source_schemas, ephemeral_resource_schemas),
 * as the protobuf answer of the plugin protocol 6 call GetProviderSchema. Field numbers follow
 * tfplugin6 (Schema, Schema.Block, Schema.Attribute, Schema.NestedBlock, GetProviderSchema.Response).
 */
final class SchemaEncoding {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEncoding() {
    }

    static byte[] providerSchemaResponse(JsonNode provider) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        if (provider.has("provider")) {
            out.writeByteArray(1, schema(provider.get("provider")));
        }
        map(out, 2, provider.get("resource_schemas"));
        map(out, 3, provider.get("data_source_schemas"));
        map(out, 8, provider.get("ephemeral_resource_schemas"));
        out.flush();
        return bytes.toByteArray();
    }

    /** A map<string, Schema> field: one entry message (key = 1, value = 2) per item. */
    private static void map(CodedOutputStream out, int field, JsonNode schemas) throws IOException {
        if (schemas == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.writeByteArray(field, message(o -> {
                o.writeString(1, e.getKey());
                o.writeByteArray(2, schema(e.getValue()));
            }));
        }
    }

    private static byte[] schema(JsonNode schema) throws IOException {
        return message(o -> {
            o.writeInt64(1, schema.path("version").asLong(0));
            o.writeByteArray(2, block(schema.get("block")));
        });
    }

    private static byte[] block(JsonNode block) throws IOException {
        return message(o -> {
            JsonNode attributes = block.get("attributes");
            if (attributes != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> a = it.next();
                    o.writeByteArray(2, attribute(a.getKey(), a.getValue()));
                }
            }
            JsonNode blocks = block.get("block_types");
            if (blocks != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = blocks.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> b = it.next();
                    o.writeByteArray(3, nestedBlock(b.getKey(), b.getValue()));
                }
            }
            if (block.has("description")) {
                o.writeString(4, block.get("description").asText());
            }
            o.writeBool(6, block.path("deprecated").asBoolean(false));
        });
    }

    private static byte[] attribute(String name, JsonNode a) throws IOException {
        return message(o -> {
            o.writeString(1, name);
            o.writeBytes(2, ByteString.copyFromUtf8(JSON.writeValueAsString(a.get("type"))));
            if (a.has("description")) {
                o.writeString(3, a.get("description").asText());
            }
            o.writeBool(4, a.path("required").asBoolean(false));
            o.writeBool(5, a.path("optional").asBoolean(false));
            o.writeBool(6, a.path("computed").asBoolean(false));
            o.writeBool(7, a.path("sensitive").asBoolean(false));
            o.writeBool(9, a.path("deprecated").asBoolean(false));
            o.writeBool(11, a.path("write_only").asBoolean(false));
        });
    }

    private static byte[] nestedBlock(String name, JsonNode b) throws IOException {
        int nesting = switch (b.path("nesting_mode").asText()) {
            case "single" -> 1;
            case "list" -> 2;
            case "set" -> 3;
            case "map" -> 4;
            case "group" -> 5;
            default -> throw new IllegalArgumentException("block " + name + ": nesting_mode " + b.path("nesting_mode"));
        };
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, block(b.get("block")));
            o.writeEnum(3, nesting);
            o.writeInt64(4, b.path("min_items").asLong(0));
            o.writeInt64(5, b.path("max_items").asLong(0));
        });
    }

    @FunctionalInterface
    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
