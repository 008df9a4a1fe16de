package mes.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;

/**
 * A schema-only stand-in for a Terraform provider, so that `terraform validate` and `terraform
 * test` with mock providers run here without downloading the real one. Terraform starts it as a
 * go-plugin: it checks the magic cookie, serves gRPC over mutual TLS (its own self-signed
 * certificate, the client's from PLUGIN_CLIENT_CERT), prints the handshake line
 * {@code 1|6|tcp|127.0.0.1:PORT|grpc|<certificate>} and answers plugin protocol 6:
 * GetProviderSchema from a JSON schema (the format of `terraform providers schema -json`), every
 * other call with an empty answer (no diagnostics), the controller's Shutdown by exiting.
 *
 * <p>Usage: {@code StandInProvider <schema.json> <provider address>}, started by the executable
 * that a CLI configuration's {@code dev_overrides} points Terraform to.
 */
public final class StandInProvider {

    static final String COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    static final String COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private StandInProvider() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream handshake = System.out;
        System.setOut(System.err); // stdout carries the handshake line only
        if (!COOKIE.equals(System.getenv(COOKIE_KEY))) {
            System.err.println("This is a Terraform plugin: Terraform starts it.");
            System.exit(1);
        }
        JsonNode schemas = new ObjectMapper().readTree(Path.of(args[0]).toFile()).path("provider_schemas");
        JsonNode provider = schemas.get(args[1]);
        if (provider == null) {
            throw new IllegalArgumentException(args[0] + " has no schema for " + args[1] + " (it has " + schemas.fieldNames() + ")");
        }
        byte[] schemaResponse = SchemaEncoding.providerSchemaResponse(provider);

        Path dir = Files.createTempDirectory("tf-stand-in");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "BC:c=ca:true",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "stand-in", "-keypass", "stand-in")
                .redirectErrorStream(true).start();
        byte[] keytoolOutput = keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(keytoolOutput, StandardCharsets.UTF_8));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "stand-in".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "stand-in".toCharArray());
        X509Certificate serverCert = (X509Certificate) ks.getCertificate("server");
        X509Certificate clientCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(System.getenv("PLUGIN_CLIENT_CERT").getBytes(StandardCharsets.US_ASCII)));
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(kmf), SslProvider.JDK)
                .trustManager(clientCert).clientAuth(ClientAuth.REQUIRE).build();

        CountDownLatch shutdown = new CountDownLatch(1);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).sslContext(tls)
                .fallbackHandlerRegistry(new HandlerRegistry() {
                    @Override
                    public ServerMethodDefinition<?, ?> lookupMethod(String method, String authority) {
                        return definition(method, schemaResponse, shutdown);
                    }
                }).build().start();
        handshake.println("1|6|tcp|127.0.0.1:" + server.getPort() + "|grpc|"
                + Base64.getEncoder().withoutPadding().encodeToString(serverCert.getEncoded()));
        handshake.flush();
        shutdown.await();
        server.shutdown();
        System.exit(0);
    }

    /** Every call gets raw bytes back: the schema, the health check's SERVING, or nothing (all defaults). */
    static ServerMethodDefinition<byte[], byte[]> definition(String method, byte[] schemaResponse, CountDownLatch shutdown) {
        boolean streaming = method.equals("plugin.GRPCStdio/StreamStdio") || method.endsWith("/ListResource")
                || method.endsWith("/InvokeAction") || method.endsWith("/ReadStateBytes");
        MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(streaming ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
        byte[] answer = switch (method) {
            case "tfplugin6.Provider/GetProviderSchema" -> schemaResponse;
            case "grpc.health.v1.Health/Check" -> new byte[] {0x08, 0x01}; // status: SERVING
            default -> new byte[0];
        };
        ServerCallHandler<byte[], byte[]> handler = streaming
                ? ServerCalls.asyncServerStreamingCall((request, responses) -> responses.onCompleted())
                : ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(answer);
                    response.onCompleted();
                    if (method.equals("plugin.GRPCController/Shutdown")) {
                        shutdown.countDown();
                    }
                });
        return ServerMethodDefinition.create(descriptor, handler);
    }

    static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };
}
