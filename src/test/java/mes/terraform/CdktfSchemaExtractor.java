package mes.terraform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Terraform schema of resources and data sources out of the npm package
 * {@code @cdktf/provider-google} (its lib/NAME/index.js, generated from the provider's schema) and
 * writes it in the JSON of `terraform providers schema -json`, for the stand-in provider.
 *
 * <p>What each index.js holds: per block a function {@code xToHclTerraform(struct)} listing the
 * settable arguments (name, isBlock, list/set/map/simple, element type); per block a class with a
 * comment {@code // name - computed: a, optional: b, required: c} before each getter or nested
 * object, which also names the computed-only attributes; a nested object built as an
 * {@code OutputReference} is a block of at most one. The .d.ts tells which arguments are required
 * (no {@code ?}). Arguments named {@code *_wo} are the provider's write-only ones. Not covered:
 * ephemeral resources (the package has none), and the element types of computed-only nested
 * attributes (read as dynamic, so any reference into them validates).
 *
 * <pre>
 * npm pack @cdktf/provider-google@16.12.1 && tar xzf cdktf-provider-google-16.12.1.tgz   # provider 6.50.0
 * java ... mes.terraform.CdktfSchemaExtractor package/lib out.json google_pubsub_topic data.google_project ...
 * </pre>
 */
public final class CdktfSchemaExtractor {

    private static final Pattern CLASS = Pattern.compile("(?m)^class (\\w+) extends ([\\w.]+) \\{\\n(.*?)^}", Pattern.DOTALL);
    private static final Pattern FUNCTION = Pattern.compile(
            "(?m)^function (\\w+)ToHclTerraform\\(struct\\) \\{\\n(.*?)^}", Pattern.DOTALL);
    private static final Pattern SYNTH = Pattern.compile("synthesizeHclAttributes\\(\\) \\{\\n(.*?)\\n    }\\n", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile(
            "(\\w+): \\{\\s*value: ([^\\n]*),\\s*isBlock: (true|false),\\s*type: \"(\\w+)\",\\s*storageClassType: \"(\\w+)\",");
    private static final Pattern FLAGS = Pattern.compile(
            "// (\\w+) - computed: (true|false), optional: (true|false), required: (true|false)\\n\\s*(.*)");
    private static final Pattern GETTER_TYPE = Pattern.compile("return this\\.get(\\w+)Attribute\\('");
    private static final Pattern NESTED_FN = Pattern.compile("(\\w+)ToHclTerraform\\b");

    private record Flags(boolean computed, boolean optional, boolean required, String next) {
    }

    private record Entry(String name, String value, boolean block, String type, String storage) {
    }

    private static final Pattern INTERFACE = Pattern.compile("(?m)^export interface (\\w+)[^{]*\\{\\n(.*?)^}", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("#(\\w+) \\w+#\\w+}\\n(?:\\s*\\*[^\\n]*\\n)*?\\s*\\*/\\n\\s*readonly \\w+(\\??):");

    /** Per interface of the .d.ts (the config of the resource, each block's struct): which arguments are required. */
    private final Map<String, Map<String, Boolean>> required = new LinkedHashMap<>();
    private final Map<String, String> classBodies = new LinkedHashMap<>();
    private final Map<String, List<Entry>> functions = new LinkedHashMap<>();
    private String resourceClass;
    private String resourceBody;

    private CdktfSchemaExtractor(String js, String dts) {
        Matcher i = INTERFACE.matcher(dts);
        while (i.find()) {
            Map<String, Boolean> properties = new LinkedHashMap<>();
            Matcher p = PROPERTY.matcher(i.group(2));
            while (p.find()) {
                properties.put(p.group(1), p.group(2).isEmpty());
            }
            required.put(i.group(1), properties);
        }
        Matcher c = CLASS.matcher(js);
        while (c.find()) {
            classBodies.put(c.group(1), c.group(3));
            if (c.group(2).equals("cdktf.TerraformResource") || c.group(2).equals("cdktf.TerraformDataSource")
                    || c.group(2).equals("cdktf.TerraformEphemeralResource")) {
                resourceClass = c.group(1);
                resourceBody = c.group(3);
            }
        }
        Matcher f = FUNCTION.matcher(js);
        while (f.find()) {
            functions.put(f.group(1), entries(f.group(2)));
        }
    }

    private static List<Entry> entries(String body) {
        List<Entry> out = new ArrayList<>();
        Matcher e = ENTRY.matcher(body);
        while (e.find()) {
            out.add(new Entry(e.group(1), e.group(2), e.group(3).equals("true"), e.group(4), e.group(5)));
        }
        return out;
    }

    private static Map<String, Flags> flags(String classBody) {
        Map<String, Flags> out = new LinkedHashMap<>();
        if (classBody == null) {
            return out;
        }
        Matcher m = FLAGS.matcher(classBody);
        while (m.find()) {
            out.putIfAbsent(m.group(1), new Flags(m.group(2).equals("true"), m.group(3).equals("true"), m.group(4).equals("true"),
                    m.group(5)));
        }
        return out;
    }

    /** The schema of the resource of this file. */
    Map<String, Object> resource() {
        Matcher s = SYNTH.matcher(resourceBody);
        if (!s.find()) {
            throw new IllegalStateException(resourceClass + ": no synthesizeHclAttributes");
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("version", 0);
        Map<String, Object> block = block(entries(s.group(1)), resourceBody, required.getOrDefault(resourceClass + "Config", Map.of()));
        // cdktf lists a resource's id as optional only; the provider declares it optional and
        // computed (as every SDKv2 resource does), so a plan knows it once the resource exists
        if (block.get("attributes") instanceof Map<?, ?> attributes && attributes.get("id") instanceof Map<?, ?> id && !id.containsKey("computed")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) attributes;
            Map<String, Object> computedId = new LinkedHashMap<>((Map<String, Object>) id);
            computedId.put("computed", true);
            all.put("id", computedId);
        }
        schema.put("block", block);
        return schema;
    }

    private Map<String, Object> block(List<Entry> settable, String classBody, Map<String, Boolean> requiredArguments) {
        Map<String, Flags> flags = flags(classBody);
        Map<String, Object> attributes = new TreeMap<>();
        Map<String, Object> blocks = new TreeMap<>();
        Map<String, Entry> byName = new LinkedHashMap<>();
        settable.forEach(e -> byName.put(e.name(), e));
        for (Entry e : settable) {
            Flags commented = flags.get(e.name());
            boolean isRequired = requiredArguments.getOrDefault(e.name(), false);
            Flags f = new Flags(commented != null && commented.computed(), !isRequired, isRequired,
                    commented == null ? "" : commented.next());
            if (!e.block()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("type", type(e.type(), e.storage()));
                flag(a, f);
                if (e.name().endsWith("_wo")) {
                    a.put("write_only", true); // the provider's convention for write-only arguments (the .d.ts does not say)
                }
                attributes.put(e.name(), a);
                continue;
            }
            Matcher nested = NESTED_FN.matcher(e.value());
            if (!nested.find() || !functions.containsKey(nested.group(1))) {
                throw new IllegalStateException("block " + e.name() + ": no function for " + e.value());
            }
            String fn = nested.group(1);
            String struct = Character.toUpperCase(fn.charAt(0)) + fn.substring(1);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("nesting_mode", e.type().equals("set") ? "set" : "list");
            b.put("block", block(functions.get(fn), classBodies.get(struct + "OutputReference"), required.getOrDefault(struct, Map.of())));
            if (f.required()) {
                b.put("min_items", 1);
            }
            if (f.next().contains("OutputReference(this, \"" + e.name() + "\"") || resourceBody.contains("OutputReference(this, \""
                    + e.name() + "\")") && classBody != null && classBody.contains("OutputReference(this, \"" + e.name() + "\")")) {
                b.put("max_items", 1);
            }
            blocks.put(e.name(), b);
        }
        flags.forEach((name, f) -> {
            if (!byName.containsKey(name) && f.computed()) { // computed only: readable in expressions, not settable
                Map<String, Object> a = new LinkedHashMap<>();
                Matcher g = GETTER_TYPE.matcher(classBody.substring(classBody.indexOf("// " + name + " - computed")));
                a.put("type", g.find() && g.start() < 400 ? getterType(g.group(1)) : "dynamic");
                a.put("computed", true);
                attributes.put(name, a);
            }
        });
        Map<String, Object> block = new LinkedHashMap<>();
        if (!attributes.isEmpty()) {
            block.put("attributes", attributes);
        }
        if (!blocks.isEmpty()) {
            block.put("block_types", blocks);
        }
        return block;
    }

    private static void flag(Map<String, Object> a, Flags f) {
        if (f.required()) {
            a.put("required", true);
        } else {
            a.put("optional", true);
        }
        if (f.computed()) {
            a.put("computed", true);
        }
    }

    private static Object type(String kind, String storage) {
        String element = storage.startsWith("string") ? "string" : storage.startsWith("number") ? "number"
                : storage.startsWith("boolean") ? "bool" : "dynamic";
        return switch (kind) {
            case "simple" -> storage.equals("string") || storage.equals("number") || storage.equals("boolean") ? element : "dynamic";
            case "list", "set" -> List.of(kind, element);
            case "map" -> List.of("map", element);
            default -> "dynamic";
        };
    }

    private static Object getterType(String getter) {
        return switch (getter) {
            case "String" -> "string";
            case "Number" -> "number";
            case "Boolean" -> "bool";
            case "List" -> List.of("list", "string");
            case "NumberList" -> List.of("list", "number");
            case "StringMap" -> List.of("map", "string");
            case "NumberMap" -> List.of("map", "number");
            case "BooleanMap" -> List.of("map", "bool");
            default -> "dynamic";
        };
    }

    /** The lib/ folder of a type: google_pubsub_topic -> pubsub-topic, data google_project -> data-google-project. */
    static Path folder(Path lib, String type, boolean data) {
        String name = type.substring("google_".length()).replace('_', '-');
        return lib.resolve(data ? "data-google-" + name : name).resolve("index.js");
    }

    /** @param types resource types, data sources as data.TYPE */
    public static Map<String, Object> extract(Path lib, Iterable<String> types) throws IOException {
        Map<String, Object> resources = new TreeMap<>();
        Map<String, Object> dataSources = new TreeMap<>();
        for (String t : new TreeSet<String>((java.util.Collection<String>) toList(types))) {
            boolean data = t.startsWith("data.");
            String type = data ? t.substring(5) : t;
            String js = Files.readString(folder(lib, type, data));
            String dts = Files.readString(folder(lib, type, data).resolveSibling("index.d.ts"));
            if (!js.contains("tfResourceType = \"" + type + "\"")) {
                throw new IllegalStateException(folder(lib, type, data) + " is not " + type);
            }
            (data ? dataSources : resources).put(type, new CdktfSchemaExtractor(js, dts).resource());
        }
        Map<String, Object> provider = new LinkedHashMap<>();
        Map<String, Object> providerSchema = new LinkedHashMap<>();
        providerSchema.put("version", 0);
        providerSchema.put("block", Map.of("attributes", new TreeMap<>(Map.of(
                "project", Map.of("type", "string", "optional", true),
                "region", Map.of("type", "string", "optional", true),
                "zone", Map.of("type", "string", "optional", true),
                "default_labels", Map.of("type", List.of("map", "string"), "optional", true)))));
        provider.put("provider", providerSchema);
        provider.put("resource_schemas", resources);
        provider.put("data_source_schemas", dataSources);
        return Map.of("format_version", "1.0", "provider_schemas", Map.of("registry.terraform.io/hashicorp/google", provider));
    }

    private static List<String> toList(Iterable<String> types) {
        List<String> out = new ArrayList<>();
        types.forEach(out::add);
        return out;
    }

    public static void main(String[] args) throws IOException {
        Map<String, Object> schema = extract(Path.of(args[0]), List.of(args).subList(2, args.length));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[1]).toFile(), schema);
    }
}
