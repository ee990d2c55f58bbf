package io.gencluster.samples.hello;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.messaging.ClusterListener;
import io.gencluster.messaging.ClusterMessagingException;
import io.gencluster.messaging.ClusterTemplate;

/**
 * Messages between the nodes. {@code POST /hello/broadcast} with a text: every other
 * member logs it. {@code GET /hello/ask/{node}} (a member's id or name): that member's
 * answer to a request.
 */
@RestController
public class GreetingController {

    private static final Logger log = LoggerFactory.getLogger(GreetingController.class);

    private final ClusterMembership cluster;

    private final ClusterTemplate messages;

    /** Creates the controller over the cluster and its template. */
    public GreetingController(ClusterMembership cluster, ClusterTemplate messages) {
        this.cluster = cluster;
        this.messages = messages;
    }

    /** Sends the text to every member; answers how many it was written to. */
    @PostMapping("/hello/broadcast")
    public String broadcast(@RequestBody String text) {
        Map<ClusterNode, CompletionStage<Void>> sent = messages.broadcast("greetings", text);
        long written = sent.values()
            .stream()
            .filter(stage -> stage.toCompletableFuture().handle((ok, failure) -> failure == null).join())
            .count();
        return "sent to " + written + " of " + sent.size() + " members\n";
    }

    /** Asks one member who it is; 404 when no member has that id or name. */
    @GetMapping("/hello/ask/{node}")
    public ResponseEntity<String> ask(@PathVariable String node) {
        Optional<ClusterNode> member = cluster.member(node)
            .or(() -> cluster.members().stream().filter(candidate -> candidate.name().equals(node)).findFirst());
        if (member.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("no member " + node + "\n");
        }
        try {
            return ResponseEntity
                .ok(messages.request(member.get(), "who-are-you", "Who are you?", String.class, Duration.ofSeconds(5))
                    .toCompletableFuture()
                    .join() + "\n");
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof ClusterMessagingException failure) {
                return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                    .body(failure.failure() + ": " + failure.getMessage() + "\n");
            }
            throw ex;
        }
    }

    /** Logs a greeting from another member. */
    @ClusterListener("greetings")
    public void greeted(String text, ClusterNode sender) {
        log.info("{} says: {}", sender.id(), text);
    }

    /** Answers another member's question. */
    @ClusterListener("who-are-you")
    public String whoAreYou(String question, ClusterNode asker) {
        return "Hello " + asker.id() + ", I am " + cluster.self().map(ClusterNode::id).orElse("?");
    }

}
