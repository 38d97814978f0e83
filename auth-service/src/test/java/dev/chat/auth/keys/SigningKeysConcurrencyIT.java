package dev.chat.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.auth.config.AuthProperties;
import dev.chat.testsupport.Postgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Several instances starting at once against an empty key table must agree on one key. */
class SigningKeysConcurrencyIT {

    @Test
    void instancesStartingAtOnceCreateExactlyOneKeyAndAllSignWithIt() throws Exception {
        String url = Postgres.freshDatabase("auth_keys_it");
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, Postgres.USER, Postgres.PASSWORD);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var props = new AuthProperties("http://issuer", Duration.ofMinutes(15), Duration.ofDays(30), 4,
                new AuthProperties.LoginThrottle(5, Duration.ofMinutes(15)),
                new AuthProperties.SigningKey(Duration.ofDays(90), Duration.ofMinutes(1)));

        int instances = 6;
        var start = new CountDownLatch(1);
        List<Future<SigningKeys>> started = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(instances)) {
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    start.await();
                    return new SigningKeys(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
                            Clock.systemUTC(), props);
                }));
            }
            start.countDown();
            List<String> kids = new ArrayList<>();
            for (Future<SigningKeys> f : started) {
                kids.add(f.get().signingKey().getKeyID());
            }

            Integer rows = JdbcClient.create(dataSource).sql("select count(*) from signing_keys").query(Integer.class)
                    .single();
            assertThat(rows).isEqualTo(1);
            assertThat(kids).containsOnly(kids.getFirst());
        }
    }
}
