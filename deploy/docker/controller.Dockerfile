# The failover controller's image: its jar with lib/, its log configuration, and the job jar it readies in the standby
# cluster (the topology's job.jar). Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/controller.Dockerfile -t fgfacr.azurecr.io/fgf-controller:0.1.0 .
FROM eclipse-temurin:17-jre
COPY failover-controller/target/failover-controller.jar /opt/fgf/failover-controller.jar
COPY failover-controller/target/lib/ /opt/fgf/lib/
COPY bin/log4j2-cli.properties /opt/fgf/log4j2.properties
COPY job/target/job-all.jar /opt/fgf/job-all.jar
ENTRYPOINT ["java", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED", \
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", \
            "-Dlog4j.configurationFile=/opt/fgf/log4j2.properties", "-jar", "/opt/fgf/failover-controller.jar"]
