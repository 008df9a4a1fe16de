package mes.platform;

/** Text put into HTML or SVG that the MES writes itself (charts, documents). */
public final class Markup {

    private Markup() {
    }

    /** The text escaped for SVG and HTML, both quotes too. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
