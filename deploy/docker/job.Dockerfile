# The job's image for the Flink Kubernetes Operator (both regions): Flink 1.20 with the shaded job jar.
# Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/job.Dockerfile -t fgfacr.azurecr.io/fgf-job:0.1.0 .
# (or `az acr build -r fgfacr -f deploy/docker/job.Dockerfile -t fgf-job:0.1.0 .`, docs/azure.md step 4)
FROM flink:1.20.0-java17
COPY job/target/job-all.jar /opt/flink/usrlib/job-all.jar
