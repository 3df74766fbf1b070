# The failover controller's image: its jar with lib/, its log configuration, and the job jar it readies in the standby
# cluster (the topology's job.jar). Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/controller.Dockerfile -t fgfacr.azurecr.io/fgf-controller:0.1.0 .
FROM eclipse-temurin:17-jre
COPY failover-controller/target/failover-controller.jar /opt/fgf/failover-controller.jar
COPY failover-controller/target/lib/ /opt/fgf/lib/
COPY bin/log4j2-cli.properties /opt/fgf/log4j2.properties
COPY job/target/job-all.jar /opt/fgf/job-all.jar
# The same Java 17 flags as bin/_launch: the controller reads Flink's savepoint metadata with Flink's own classes.
ENTRYPOINT ["java", \
  "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED", \
  "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED", \
  "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", \
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", \
  "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED", \
  "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", \
  "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED", \
  "-Dlog4j.configurationFile=/opt/fgf/log4j2.properties", "-jar", "/opt/fgf/failover-controller.jar"]
