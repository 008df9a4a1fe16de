package mes.equipment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A site's tree of downtime reason codes (contracts/maintenance.md): each code has a name, an
 * optional parent and a loss category, which a child without one takes from its parent. Checked
 * whole when it is built: a code twice, a parent not in the tree, a cycle or a root without a
 * category is refused naming it. A code the tree does not hold is unclassified and counts as
 * {@link LossCategory#BREAKDOWN}, so an unknown stop is never hidden.
 */
public final class ReasonTree {

    public static final int MAX_REASONS = 500;
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 200;

    /** One code as entered: its category may be null where the parent gives it. */
    public record Reason(String code, String name, LossCategory category, String parent) {
    }

    /** A code with what the tree makes of it: its category (inherited or its own) and its depth (0 for a root). */
    public record Node(String code, String name, LossCategory category, boolean ownCategory, String parent, int depth,
            List<String> children) {
        public boolean leaf() {
            return children.isEmpty();
        }
    }

    public static final ReasonTree EMPTY = new ReasonTree(List.of());

    private final List<Reason> reasons;
    private final Map<String, Node> nodes;

    public ReasonTree(List<Reason> reasons) {
        if (reasons.size() > MAX_REASONS) {
            throw new IllegalArgumentException("at most " + MAX_REASONS + " reasons");
        }
        Map<String, Reason> byCode = new LinkedHashMap<>();
        for (Reason r : reasons) {
            if (r == null) {
                throw new IllegalArgumentException("a reason is empty");
            }
            if (r.code() == null || r.code().isBlank()) {
                throw new IllegalArgumentException("a reason has no code");
            }
            if (r.code().length() > MAX_CODE_LENGTH || !r.code().equals(r.code().strip())) {
                throw new IllegalArgumentException("reason code '" + r.code() + "' must be at most " + MAX_CODE_LENGTH
                        + " characters without leading or trailing blanks");
            }
            if (r.name() == null || r.name().isBlank() || r.name().length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("reason " + r.code() + " needs a name of at most " + MAX_NAME_LENGTH + " characters");
            }
            if (byCode.put(r.code(), r) != null) {
                throw new IllegalArgumentException("reason code " + r.code() + " is in the tree twice");
            }
        }
        for (Reason r : byCode.values()) {
            if (r.parent() != null && !byCode.containsKey(r.parent())) {
                throw new IllegalArgumentException("reason " + r.code() + ": its parent " + r.parent() + " is not in the tree");
            }
        }
        Map<String, List<String>> children = new HashMap<>();
        byCode.values().forEach(r -> {
            if (r.parent() != null) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r.code());
            }
        });
        Map<String, Node> out = new LinkedHashMap<>();
        for (Reason r : byCode.values()) {
            Set<String> seen = new HashSet<>();
            Reason at = r;
            LossCategory category = r.category();
            int depth = 0;
            while (at.parent() != null) {
                if (!seen.add(at.code())) {
                    throw new IllegalArgumentException("reason " + r.code() + " is in a cycle of parents");
                }
                at = byCode.get(at.parent());
                depth++;
                if (category == null) {
                    category = at.category();
                }
            }
            if (category == null) {
                throw new IllegalArgumentException("reason " + r.code() + " has no category and no parent with one");
            }
            out.put(r.code(), new Node(r.code(), r.name(), category, r.category() != null, r.parent(), depth,
                    List.copyOf(children.getOrDefault(r.code(), List.of()))));
        }
        this.reasons = List.copyOf(byCode.values());
        this.nodes = java.util.Collections.unmodifiableMap(out);
    }

    /** The codes as entered, in their order. */
    public List<Reason> reasons() {
        return reasons;
    }

    public Optional<Node> node(String code) {
        return Optional.ofNullable(code == null ? null : nodes.get(code));
    }

    /** The roots, in the order entered. */
    public List<Node> roots() {
        return nodes.values().stream().filter(n -> n.parent() == null).toList();
    }

    public List<Node> children(String code) {
        return node(code).map(n -> n.children().stream().map(nodes::get).toList()).orElse(List.of());
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** True when the tree holds the code. */
    public boolean classifies(String code) {
        return code != null && nodes.containsKey(code);
    }

    /** The code's loss category; an unclassified code (or none) counts as a breakdown. */
    public LossCategory categoryOf(String code) {
        Node n = code == null ? null : nodes.get(code);
        return n == null ? LossCategory.BREAKDOWN : n.category();
    }

    /** The code's name, or the code itself when the tree does not hold it. */
    public String nameOf(String code) {
        Node n = code == null ? null : nodes.get(code);
        return n == null ? code : n.name();
    }
}
