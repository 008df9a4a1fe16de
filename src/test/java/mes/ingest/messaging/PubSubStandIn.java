package mes.ingest.messaging;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.GetSubscriptionRequest;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Pub/Sub server for the tests, speaking the real gRPC protocol (the generated
 * google.pubsub.v1 service stubs) so that the real client library talks to it over a plaintext
 * channel: topics, subscriptions, publish, streaming pull, unary acknowledge and ack-deadline
 * changes, and redelivery once an ack deadline passes or a message is nacked.
 */
public final class PubSubStandIn implements AutoCloseable {

    private record Outstanding(PubsubMessage message, long deadlineNanos, int attempt) {
    }

    private final class Sub {
        final String name;
        final String topic;
        final int ackDeadlineSeconds;
        final Deque<Object[]> ready = new ArrayDeque<>(); // {message, attempt}
        final Map<String, Outstanding> outstanding = new LinkedHashMap<>();
        final List<StreamObserver<StreamingPullResponse>> streams = new ArrayList<>();
        int next;

        Sub(String name, String topic, int ackDeadlineSeconds) {
            this.name = name;
            this.topic = topic;
            this.ackDeadlineSeconds = ackDeadlineSeconds;
        }

        synchronized void dispatch() {
            while (!ready.isEmpty() && !streams.isEmpty()) {
                Object[] r = ready.poll();
                PubsubMessage m = (PubsubMessage) r[0];
                int attempt = (int) r[1];
                String ackId = name + "#" + ackIds.incrementAndGet();
                outstanding.put(ackId, new Outstanding(m, System.nanoTime() + TimeUnit.SECONDS.toNanos(ackDeadlineSeconds), attempt));
                StreamObserver<StreamingPullResponse> stream = streams.get(next++ % streams.size());
                deliveries.incrementAndGet();
                if (attempt > 1) {
                    redeliveries.incrementAndGet();
                }
                stream.onNext(StreamingPullResponse.newBuilder().addReceivedMessages(ReceivedMessage.newBuilder()
                        .setAckId(ackId).setMessage(m).setDeliveryAttempt(attempt)).build());
            }
        }

        synchronized void ack(List<String> ids) {
            for (String id : ids) {
                if (outstanding.remove(id) != null) {
                    acks.incrementAndGet();
                }
            }
        }

        synchronized void modify(List<String> ids, int seconds) {
            for (String id : ids) {
                Outstanding o = outstanding.get(id);
                if (o == null) {
                    continue;
                }
                if (seconds == 0) {
                    outstanding.remove(id);
                    nacks.incrementAndGet();
                    ready.addFirst(new Object[] {o.message(), o.attempt() + 1});
                } else {
                    outstanding.put(id, new Outstanding(o.message(), System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds), o.attempt()));
                }
            }
            dispatch();
        }

        synchronized void expire() {
            long now = System.nanoTime();
            outstanding.entrySet().removeIf(e -> {
                if (e.getValue().deadlineNanos() < now) {
                    ready.addLast(new Object[] {e.getValue().message(), e.getValue().attempt() + 1});
                    return true;
                }
                return false;
            });
            dispatch();
        }

        synchronized int unacknowledged() {
            return ready.size() + outstanding.size();
        }
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong ackIds = new AtomicLong();
    public final AtomicLong deliveries = new AtomicLong();
    public final AtomicLong redeliveries = new AtomicLong();
    public final AtomicLong acks = new AtomicLong();
    public final AtomicLong nacks = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Server server;

    public PubSubStandIn(int port) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new Publisher()).addService(new Subscriber()).build().start();
        timer.scheduleAtFixedRate(() -> subscriptions.values().forEach(Sub::expire), 100, 100, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return server.getPort();
    }

    /** Messages of the subscription not yet acknowledged (waiting or delivered). */
    public int unacknowledged(String subscription) {
        return subscriptions.get(subscription).unacknowledged();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.shutdownNow();
    }

    private final class Publisher extends PublisherGrpc.PublisherImplBase {
        @Override
        public void createTopic(Topic request, StreamObserver<Topic> response) {
            if (topics.putIfAbsent(request.getName(), request) != null) {
                response.onError(Status.ALREADY_EXISTS.withDescription("topic exists").asRuntimeException());
                return;
            }
            response.onNext(request);
            response.onCompleted();
        }

        @Override
        public void getTopic(GetTopicRequest request, StreamObserver<Topic> response) {
            Topic t = topics.get(request.getTopic());
            if (t == null) {
                response.onError(Status.NOT_FOUND.withDescription("no topic " + request.getTopic()).asRuntimeException());
                return;
            }
            response.onNext(t);
            response.onCompleted();
        }

        @Override
        public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
            if (!topics.containsKey(request.getTopic())) {
                response.onError(Status.NOT_FOUND.withDescription("no topic " + request.getTopic()).asRuntimeException());
                return;
            }
            PublishResponse.Builder answer = PublishResponse.newBuilder();
            Instant now = Instant.now();
            for (PubsubMessage m : request.getMessagesList()) {
                String id = String.valueOf(ids.incrementAndGet());
                PubsubMessage stored = m.toBuilder().setMessageId(id)
                        .setPublishTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
                for (Sub s : subscriptions.values()) {
                    if (s.topic.equals(request.getTopic())) {
                        synchronized (s) {
                            s.ready.addLast(new Object[] {stored, 1});
                        }
                        s.dispatch();
                    }
                }
                answer.addMessageIds(id);
            }
            response.onNext(answer.build());
            response.onCompleted();
        }
    }

    private final class Subscriber extends SubscriberGrpc.SubscriberImplBase {
        @Override
        public void createSubscription(Subscription request, StreamObserver<Subscription> response) {
            if (!topics.containsKey(request.getTopic())) {
                response.onError(Status.NOT_FOUND.withDescription("no topic " + request.getTopic()).asRuntimeException());
                return;
            }
            int deadline = request.getAckDeadlineSeconds() == 0 ? 10 : request.getAckDeadlineSeconds();
            if (subscriptions.putIfAbsent(request.getName(), new Sub(request.getName(), request.getTopic(), deadline)) != null) {
                response.onError(Status.ALREADY_EXISTS.withDescription("subscription exists").asRuntimeException());
                return;
            }
            response.onNext(request.toBuilder().setAckDeadlineSeconds(deadline).build());
            response.onCompleted();
        }

        @Override
        public void getSubscription(GetSubscriptionRequest request, StreamObserver<Subscription> response) {
            Sub s = subscriptions.get(request.getSubscription());
            if (s == null) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            response.onNext(Subscription.newBuilder().setName(s.name).setTopic(s.topic).setAckDeadlineSeconds(s.ackDeadlineSeconds).build());
            response.onCompleted();
        }

        @Override
        public void acknowledge(AcknowledgeRequest request, StreamObserver<Empty> response) {
            Sub s = subscriptions.get(request.getSubscription());
            if (s != null) {
                s.ack(request.getAckIdsList());
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void modifyAckDeadline(ModifyAckDeadlineRequest request, StreamObserver<Empty> response) {
            Sub s = subscriptions.get(request.getSubscription());
            if (s != null) {
                s.modify(request.getAckIdsList(), request.getAckDeadlineSeconds());
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public StreamObserver<StreamingPullRequest> streamingPull(StreamObserver<StreamingPullResponse> response) {
            StreamObserver<StreamingPullResponse> serialized = new StreamObserver<>() {
                @Override
                public synchronized void onNext(StreamingPullResponse value) {
                    response.onNext(value);
                }

                @Override
                public synchronized void onError(Throwable t) {
                    response.onError(t);
                }

                @Override
                public synchronized void onCompleted() {
                    response.onCompleted();
                }
            };
            return new StreamObserver<>() {
                Sub sub;

                @Override
                public void onNext(StreamingPullRequest request) {
                    if (sub == null) {
                        sub = subscriptions.get(request.getSubscription());
                        if (sub == null) {
                            serialized.onError(Status.NOT_FOUND.withDescription("no subscription").asRuntimeException());
                            return;
                        }
                        synchronized (sub) {
                            sub.streams.add(serialized);
                        }
                    }
                    sub.ack(request.getAckIdsList());
                    for (int i = 0; i < request.getModifyDeadlineAckIdsCount(); i++) {
                        sub.modify(List.of(request.getModifyDeadlineAckIds(i)), request.getModifyDeadlineSeconds(i));
                    }
                    sub.dispatch();
                }

                @Override
                public void onError(Throwable t) {
                    close();
                }

                @Override
                public void onCompleted() {
                    close();
                    serialized.onCompleted();
                }

                private void close() {
                    if (sub != null) {
                        synchronized (sub) {
                            sub.streams.remove(serialized);
                        }
                    }
                }
            };
        }
    }
}
