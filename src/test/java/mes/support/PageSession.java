package mes.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like page session for REST Assured: the session cookie of a form login, and on every
 * form post the CSRF token a page of that session carries, as a browser submitting the page's form
 * would send it.
 */
public final class PageSession implements OrderedFilter {

    public static final String CSRF_FIELD = "csrf-token";
    private static final Pattern TOKEN = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    private final CookieFilter cookies = new CookieFilter();
    private String token;

    private PageSession() {
    }

    /** Logs in through the login form (password = user name, the demo users). */
    public static PageSession login(String user) {
        return login(user, user);
    }

    public static PageSession login(String user, String password) {
        PageSession session = new PageSession();
        given().filter(session.cookies).redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).header("Location", endsWith("/"));
        return session;
    }

    /** The token the pages of this session carry in their forms. */
    public String csrfToken() {
        if (token == null) {
            String html = given().filter(cookies).get("/login").then().statusCode(200).extract().asString();
            Matcher m = TOKEN.matcher(html);
            if (!m.find()) {
                throw new AssertionError("the page carries no CSRF token");
            }
            token = m.group(1);
        }
        return token;
    }

    /** The cookies only, for a request that must not carry the token. */
    public CookieFilter cookies() {
        return cookies;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        if ("POST".equals(request.getMethod()) && !request.getURI().contains("j_security_check")
                && !request.getFormParams().containsKey(CSRF_FIELD)) {
            request.formParam(CSRF_FIELD, csrfToken());
        }
        return cookies.filter(request, response, ctx);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
