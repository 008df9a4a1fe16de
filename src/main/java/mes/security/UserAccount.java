package mes.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A user of the pages and the API; the password is a bcrypt hash, never the password. */
@Entity
@Table(name = "app_user")
public class UserAccount extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    /** Comma-separated role names, see {@link mes.security.Roles}. */
    public String roles;
    @Column(name = "display_name")
    public String displayName;
    /** An inactive user cannot log in; records keep naming them. */
    public boolean active = true;
    /** The pages' language the user chose (a {@link mes.kernel.Language} tag), or null for the browser's. */
    public String language;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    public static Optional<UserAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Hashes the password with bcrypt (cost 10). */
    public void setPassword(String password) {
        this.passwordHash = BcryptUtil.bcryptHash(password);
    }

    public Set<String> roleSet() {
        return new TreeSet<>(Arrays.asList(roles.split(",")));
    }
}
