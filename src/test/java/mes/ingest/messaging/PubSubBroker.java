package mes.ingest.messaging;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Pub/Sub server the tests run against (the stand-in, or Google's emulator where it is
 * installed), used through the real client library: admin clients to create the topic and
 * subscriptions, the real Publisher to publish.
 */
public abstract class PubSubBroker implements AutoCloseable {

    public static final String PROJECT = "mes-test";
    public static final String TOPIC = "sensor-data";
    public static final String SUBSCRIPTION = "mes-sensor-data";
    public static final String DEAD_LETTER_TOPIC = "sensor-data-dead-letter";
    public static final String DEAD_LETTER_OBSERVER = "dead-letter-observer";

    /** The broker the current test class runs against. */
    static volatile PubSubBroker current;

    private ManagedChannel channel;
    private Publisher publisher;

    public abstract String host();

    /** Messages of the application's subscription not yet acknowledged, or -1 where the broker cannot tell. */
    public abstract long unacknowledged();

    public abstract String name();

    TransportChannelProvider channelProvider() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forTarget(host()).usePlaintext().build();
        }
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    /** Creates the topic and the application's subscription (and any extra ones). */
    void createTopicAndSubscription(int ackDeadlineSeconds, String... extraSubscriptions) throws IOException {
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create()).build());
                SubscriptionAdminClient subs = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                        .setTransportChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create())
                        .build())) {
            topics.createTopic(TopicName.of(PROJECT, TOPIC));
            subs.createSubscription(SubscriptionName.of(PROJECT, SUBSCRIPTION), TopicName.of(PROJECT, TOPIC),
                    PushConfig.getDefaultInstance(), ackDeadlineSeconds);
            topics.createTopic(TopicName.of(PROJECT, DEAD_LETTER_TOPIC));
            subs.createSubscription(SubscriptionName.of(PROJECT, DEAD_LETTER_OBSERVER), TopicName.of(PROJECT, DEAD_LETTER_TOPIC),
                    PushConfig.getDefaultInstance(), ackDeadlineSeconds);
            for (String extra : extraSubscriptions) {
                subs.createSubscription(SubscriptionName.of(PROJECT, extra), TopicName.of(PROJECT, TOPIC),
                        PushConfig.getDefaultInstance(), ackDeadlineSeconds);
            }
        }
    }

    /** Publishes one payload with the contract's attributes; answers the message id. */
    public String publish(String data, Map<String, String> attributes) throws Exception {
        return publishAsync(data, attributes).get(10, TimeUnit.SECONDS);
    }

    /** Publishes without waiting for the broker's answer (the publisher batches and flow-controls). */
    public com.google.api.core.ApiFuture<String> publishAsync(String data, Map<String, String> attributes) throws Exception {
        if (publisher == null) {
            publisher = Publisher.newBuilder(TopicName.of(PROJECT, TOPIC))
                    .setChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create()).build();
        }
        return publisher.publish(PubsubMessage.newBuilder().setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                .putAllAttributes(attributes).build());
    }

    /** The config that points the application at this broker. */
    public Map<String, String> applicationConfig() {
        return Map.of("mes.pubsub.enabled", "true",
                "mes.pubsub.dead-letter-topic", DEAD_LETTER_TOPIC,
                "mes.pubsub.emulator-host", host(),
                "mes.pubsub.subscription", SUBSCRIPTION,
                "quarkus.google.cloud.project-id", PROJECT);
    }

    @Override
    public void close() throws Exception {
        if (publisher != null) {
            publisher.shutdown();
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
