package mes.security.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import mes.security.DirectoryUnavailableException;

/**
 * What a login needs of a user, in one plain read (the identity providers run off the
 * request's transaction, so no entity manager).
 */
@ApplicationScoped
public class Logins {

    /** A user's row as the login checks it. */
    public record Row(String username, String passwordHash, Set<String> roles, boolean active, String language) {
    }

    @Inject
    AgroalDataSource db;

    public Optional<Row> find(String username) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, roles, active, language FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getString(2), new TreeSet<>(Arrays.asList(rs.getString(3).split(","))),
                        rs.getBoolean(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new DirectoryUnavailableException(e);
        }
    }
}
