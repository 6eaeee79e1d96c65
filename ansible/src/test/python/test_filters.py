import pytest

import moodstream as f


def test_env_names_follow_docs_configuration():
    assert f.moodstream_env_name("kafka.bootstrap.servers") == "MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS"
    assert f.moodstream_env_name("kafka.client.ssl.truststore-location") == "MOODSTREAM_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION"


def test_env_file_is_sorted_and_refuses_secrets_and_quotes():
    text = f.moodstream_env_file({"rest.port": 8080, "hbase.zookeeper.quorum": "ip-1", "x.flag": True}, "# head")
    assert text == "# head\nMOODSTREAM_HBASE_ZOOKEEPER_QUORUM=ip-1\nMOODSTREAM_REST_PORT=8080\nMOODSTREAM_X_FLAG=true\n"
    with pytest.raises(ValueError, match="secrets"):
        f.moodstream_env_file({"ingest.x.bearer.token": "t"})
    with pytest.raises(ValueError, match="quote"):
        f.moodstream_env_file({"a.b": 'say "hi"'})


def test_job_conf_is_spark_moodstream_and_refuses_secrets():
    cfg = {"kafka.bootstrap.servers": "b:9092", "streaming.stop.file": "hdfs:///s", "kafka.client.security.protocol": "SSL"}
    assert f.moodstream_job_conf(cfg) == {
        "spark.moodstream.kafka.bootstrap.servers": "b:9092",
        "spark.moodstream.kafka.client.security.protocol": "SSL",
        "spark.moodstream.streaming.stop.file": "hdfs:///s",
    }
    with pytest.raises(ValueError, match="secrets"):
        f.moodstream_job_conf({"kafka.client.ssl.keystore.password": "p"})
    with pytest.raises(ValueError, match="secrets"):
        f.moodstream_job_conf({"kafka.client.sasl.jaas.config": "x required;"})


def test_spark_submit_args_order_is_stable():
    args = f.spark_submit_args(
        {"options": {"--master": "yarn", "--class": "C"}, "conf": {"b": 2, "a": "x"}, "jar": "j.jar", "args": ["apply"]}
    )
    assert args == ["spark-submit", "--master", "yarn", "--class", "C", "--conf", "a=x", "--conf", "b=2", "j.jar", "apply"]


def test_step_names_change_with_their_arguments():
    a = f.emr_step("moodstream stream", ["spark-submit", "x"], "CONTINUE")
    b = f.emr_step("moodstream stream", ["spark-submit", "y"], "CONTINUE")
    assert a["Name"].startswith("moodstream stream ") and a["Name"] != b["Name"]
    assert a == f.emr_step("moodstream stream", ["spark-submit", "x"], "CONTINUE")
    assert a["HadoopJarStep"] == {"Jar": "command-runner.jar", "Args": ["spark-submit", "x"]}


def test_ip_permissions_match_the_ec2_shape():
    perms = f.ip_permissions([{"proto": "tcp", "ports": [8080, "9000-9001"], "cidr_ip": ["10.0.0.0/8"], "rule_desc": "d"}])
    assert perms == [
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "d"}]},
        {"IpProtocol": "tcp", "FromPort": 9000, "ToPort": 9001, "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "d"}]},
    ]


def test_release_comparison_is_numeric():
    assert f.release_at_least("emr-7.13.0", "emr-7.6.0")
    assert not f.release_at_least("emr-7.5.0", "emr-7.6.0")
    with pytest.raises(ValueError):
        f.release_at_least("7.13", "emr-7.6.0")


def test_public_cidrs_and_tags_and_digest():
    assert f.public_cidrs(["10.0.0.0/8", "0.0.0.0/0", "::/0"]) == ["0.0.0.0/0", "::/0"]
    assert f.aws_tags({"b": 1, "a": "x"}) == [{"Key": "a", "Value": "x"}, {"Key": "b", "Value": "1"}]
    assert f.digest({"a": 1, "b": 2}) == f.digest({"b": 2, "a": 1})
    assert f.stat_digest({"exists": False}) == "unbuilt"
    assert f.stat_digest({"exists": True, "checksum": "ab" * 32}) == "ab" * 8


def test_systemd_args_quote_what_systemd_would_split_or_expand():
    assert f.systemd_args(["--source", "x-v2"]) == "--source x-v2"
    assert f.systemd_args(["--topics", "coffee,climate change", "50%"]) == '--topics "coffee,climate change" 50%%'
    assert f.systemd_args(['say "hi"']) == '"say \\"hi\\""'
