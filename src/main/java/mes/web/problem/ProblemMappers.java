package mes.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import mes.kernel.Refusal;
import mes.kernel.Unavailable;
import mes.platform.DatabaseErrors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem detail. For the pages, a missing login
 * sends the browser to the login form instead.
 */
public class ProblemMappers {

    /** Paths of machine-to-machine endpoints: answered with problems, never redirected. */
    static boolean isApi(HttpServerRequest request) {
        String path = request.path();
        return path.startsWith("/api/") || path.startsWith("/pubsub/") || path.startsWith("/q/");
    }

    /** The one place a rule's refusal becomes an HTTP status. */
    @ServerExceptionMapper
    public Response refusal(Refusal e, HttpServerRequest request) {
        Problem problem = switch (e.kind()) {
            case INVALID -> Problem.of(400, "Bad Request", e.getMessage(), request.path());
            case NOT_PERMITTED -> Problem.of(403, "Forbidden", e.getMessage(), request.path());
            case NOT_FOUND -> Problem.of(404, "Not Found", e.getMessage(), request.path());
            case CONFLICT -> Problem.of(409, "Conflict", e.getMessage(), request.path());
        };
        return respond(request, problem);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Response response = respond(request, Problem.of(e.status(), e.title(), e.getMessage(), request.path()));
        if (e.status() == 401 && request.path().startsWith("/pubsub/")) {
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        return response;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER)
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family == Response.Status.Family.REDIRECTION || family == Response.Status.Family.SUCCESSFUL) {
            return e.getResponse();
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? defaultDetail(status, request) : e.getMessage();
        return respond(request, Problem.of(status, type.getReasonPhrase(), detail, request.path()));
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, HttpServerRequest request) {
        if (e.getConstraintViolations().stream().anyMatch(v -> v.getExecutableReturnValue() != null)) {
            return unexpected(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return answer(new Problem("about:blank", "Bad Request", 400, detail, request.path(), errors));
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response jsonFormat(InvalidFormatException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response jsonInstantiation(ValueInstantiationException e, HttpServerRequest request) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return respond(request, Problem.of(400, "Bad Request", cause.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (request.path().endsWith("/j_security_check")) {
            return Response.seeOther(URI.create("/login?error=true")).build(); // wrong user name or password
        }
        if (!isApi(request)) {
            return Response.seeOther(URI.create("/login")).build();
        }
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Smart MES\", charset=\"UTF-8\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized",
                        "Credentials are missing or wrong: send HTTP Basic credentials of a user with access.",
                        request.path()))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(request, Problem.of(403, "Forbidden", "Your role may not do this.", request.path()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (isDatabaseUnavailable(e)) {
            Log.warnf("Database unavailable while serving %s: %s", request.path(), e.toString());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, "10").type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(503, "Service Unavailable",
                            "The database is unavailable or busy; nothing was stored. Retry later.", request.path()))
                    .build();
        }
        if (DatabaseErrors.isUnstorableText(e)) {
            return respond(request, Problem.of(400, "Bad Request",
                    "A text contains a character that cannot be stored (a NUL byte, U+0000). Nothing was stored.", request.path()));
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure %s while serving %s %s", incident, request.method(), request.path());
        return respond(request, Problem.of(500, "Internal Server Error",
                "Something went wrong on our side (incident " + incident + "). Nothing was stored.", request.path()));
    }

    /** True when the failure comes from a database that cannot be reached or is busy. */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Unavailable) {
                return true;
            }
        }
        return DatabaseErrors.isTransient(e);
    }

    private static Response badJson(JsonProcessingException e, HttpServerRequest request) {
        String detail = "The body is not valid JSON for this request: " + e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail = "Field '" + mapping.getPathReference().replaceAll("^[^\\[]*\\[", "[") + "' is wrong: "
                    + e.getOriginalMessage();
        }
        return respond(request, Problem.of(400, "Bad Request", detail, request.path()));
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // drop the method and parameter name: "put.body.name" -> "name"
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String defaultDetail(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "Nothing here: " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 415 -> "Unsupported content type; send application/json";
            case 406 -> "The requested media type cannot be produced";
            default -> "The request failed with status " + status;
        };
    }

    /** A problem as JSON, or for a person's browser on a page as a readable page. */
    static Response respond(HttpServerRequest request, Problem problem) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!isApi(request) && accept != null && accept.contains("text/html")) {
            return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page(problem)).build();
        }
        return answer(problem);
    }

    private static String page(Problem p) {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%1$s · Smart MES</title>
                <link rel="stylesheet" href="/css/mes.css"></head><body><main><h1>%1$s</h1>
                <p class="notice error" role="alert" id="problem">%2$s</p><p><a href="/">Plant overview</a></p></main></body></html>"""
                .formatted(escape(p.status() + " " + p.title()), escape(p.detail()));
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Response answer(Problem problem) {
        return Response.status(problem.status()).type(MediaType.valueOf(Problem.MEDIA_TYPE)).entity(problem).build();
    }
}
