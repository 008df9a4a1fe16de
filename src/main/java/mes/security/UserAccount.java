package mes.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A user of the pages and the API; the password is a bcrypt hash, never the password. */
@Entity
@Table(name = "app_user")
@UserDefinition
public class UserAccount extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Username
    public String username;
    @Password
    @Column(name = "password_hash")
    public String passwordHash;
    /** Comma-separated role names, see {@link mes.security.Roles}. */
    @Roles
    public String roles;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<UserAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Hashes the password with bcrypt (cost 10). */
    public void setPassword(String password) {
        this.passwordHash = BcryptUtil.bcryptHash(password);
    }
}
