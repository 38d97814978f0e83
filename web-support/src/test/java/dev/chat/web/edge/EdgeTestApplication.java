package dev.chat.web.edge;

import dev.chat.web.problem.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service as small as possible, to see the web edge as every service gets it. */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class EdgeTestApplication {

    /** Released by a test to let the requests parked in {@code /api/slow} finish. */
    static volatile CountDownLatch slow = new CountDownLatch(0);
    /** Counted down by each request that entered {@code /api/slow}. */
    static volatile CountDownLatch entered = new CountDownLatch(0);

    record Item(@NotBlank @Size(max = 20) String name, List<String> tags) {
    }

    @RestController
    static class Items {

        @PostMapping("/api/items")
        Map<String, Object> create(@Valid @RequestBody Item item) {
            return Map.of("name", item.name());
        }

        @GetMapping("/api/items")
        Map<String, Object> list(@RequestParam(required = false) Long afterSeq,
                                 @RequestParam(required = false) String q) {
            return Map.of("afterSeq", String.valueOf(afterSeq), "q", String.valueOf(q));
        }

        @GetMapping("/api/items/{id}")
        Map<String, Object> one(@PathVariable long id) {
            if (id == 404) {
                throw ApiProblem.notFound("item 404 not found");
            }
            if (id == 500) {
                throw new IllegalStateException("secret internals");
            }
            return Map.of("id", id);
        }

        @GetMapping("/api/slow")
        Map<String, Object> slow() throws InterruptedException {
            entered.countDown();
            slow.await(60, TimeUnit.SECONDS);
            return Map.of("slow", true);
        }
    }
}
