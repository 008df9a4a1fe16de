package mes.web.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of the API
 * ({@code application/problem+json}).
 *
 * @param errors for validation failures, one entry per field that is wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // written from a Response entity, which the build cannot see
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, null);
    }

    /** One wrong field: where it is (a JSON-pointer-like path) and what is wrong with it. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
