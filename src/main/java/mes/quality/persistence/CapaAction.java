package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One action of a CAPA, with its owner and due date; done with a note. */
@Entity
@Table(name = "capa_action")
public class CapaAction extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "capa_id")
    public long capaId;
    public String description;
    public String owner;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "done_by")
    public String doneBy;
    @Column(name = "done_note")
    public String doneNote;
}
