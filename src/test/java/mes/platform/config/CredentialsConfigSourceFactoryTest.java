package mes.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd credentials folder read as settings, as the VM's unit hands it to the application. */
class CredentialsConfigSourceFactoryTest {

    @TempDir
    Path folder;

    @Test
    void eachFileIsTheSettingItIsNamedAfterWithEveryCharacterAsStored() throws Exception {
        String awkward = "a\"b'c\\d$e`f #g=h";
        Files.writeString(folder.resolve("quarkus.datasource.password"), awkward);
        Files.writeString(folder.resolve("mes.security.bootstrap-admin.password"), "Grün-Wälder 7\n");
        Files.writeString(folder.resolve("quarkus.http.auth.session.encryption-key"), "k".repeat(40) + "\r\n");

        assertThat(CredentialsConfigSourceFactory.read(folder))
                .containsEntry("quarkus.datasource.password", awkward)
                .containsEntry("mes.security.bootstrap-admin.password", "Grün-Wälder 7")
                .containsEntry("quarkus.http.auth.session.encryption-key", "k".repeat(40))
                .hasSize(3);
    }

    @Test
    void onlyOneLineBreakAtTheEndIsDropped() throws Exception {
        Files.writeString(folder.resolve("quarkus.datasource.password"), " secret \n\n");
        assertThat(CredentialsConfigSourceFactory.read(folder)).containsEntry("quarkus.datasource.password", " secret \n");
    }

    @Test
    void anEmptyCredentialStopsTheStartAndIsNeverTakenAsEmpty() throws Exception {
        Files.writeString(folder.resolve("quarkus.datasource.password"), "\n");
        assertThatThrownBy(() -> CredentialsConfigSourceFactory.read(folder))
                .hasMessageContaining("quarkus.datasource.password").hasMessageContaining("is empty");
    }

    @Test
    void aCredentialThatIsNotTextOrNotNamedLikeASettingIsRefusedByName() throws Exception {
        Files.write(folder.resolve("quarkus.datasource.password"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> CredentialsConfigSourceFactory.read(folder)).hasMessageContaining("is not UTF-8");

        Files.delete(folder.resolve("quarkus.datasource.password"));
        Files.writeString(folder.resolve("DB_PASSWORD"), "x", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CredentialsConfigSourceFactory.read(folder))
                .hasMessageContaining("DB_PASSWORD").hasMessageContaining("the setting it carries");
    }

    @Test
    void aFolderThatCannotBeReadIsAnErrorNotNoSettings() {
        assertThatThrownBy(() -> CredentialsConfigSourceFactory.read(folder.resolve("absent")))
                .hasMessageContaining("CREDENTIALS_DIRECTORY");
    }
}
