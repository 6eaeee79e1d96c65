import moodstream_emr as p


def step(name, state):
    return {"Name": name, "Id": "s-" + name.replace(" ", ""), "Status": {"State": state}}


def test_only_tagged_clusters_of_the_name_are_ours():
    tagged = {"Name": "ms", "Tags": [{"Key": "moodstream:cluster", "Value": "ms"}]}
    untagged = {"Name": "ms", "Tags": []}
    other = {"Name": "other", "Tags": [{"Key": "moodstream:cluster", "Value": "ms"}]}
    assert p.ours([tagged, untagged, other], "ms") == [tagged]


def test_window_starts_after_the_newest_stop():
    newest_first = [step("moodstream stream b", "COMPLETED"), step("moodstream stop x", "COMPLETED"),
                    step("moodstream stream a", "COMPLETED")]
    assert [s["Name"] for s in p.window(newest_first, "moodstream stop")] == ["moodstream stream b"]
    assert len(p.window(newest_first, "")) == 3


def test_steps_that_ran_or_will_run_are_not_added_again_but_failed_ones_are():
    desired = [{"Name": "moodstream install 1"}, {"Name": "moodstream schema 2"}, {"Name": "moodstream stream 3"}]
    window = [step("moodstream stream 3", "FAILED"), step("moodstream schema 2", "COMPLETED"),
              step("moodstream install 1", "RUNNING")]
    assert p.steps_to_add(desired, window) == [{"Name": "moodstream stream 3"}]
    assert p.steps_to_add(desired, []) == desired


def test_drift_reports_what_needs_a_new_cluster_and_ignores_number_formats():
    request = {
        "ReleaseLabel": "emr-7.13.0",
        "Applications": [{"Name": "Spark"}, {"Name": "HBase"}],
        "Configurations": [{"Classification": "hbase", "Properties": {"hbase.emr.storageMode": "s3"}}],
        "Instances": {"InstanceGroups": [{"InstanceRole": "CORE", "InstanceType": "m6i.xlarge", "InstanceCount": 2},
                                         {"InstanceRole": "TASK", "InstanceType": "m6i.xlarge", "InstanceCount": 0}]},
    }
    cluster = {"ReleaseLabel": "emr-7.13.0", "Applications": [{"Name": "HBase"}, {"Name": "Spark"}],
               "Configurations": [{"Classification": "hbase", "Properties": {"hbase.emr.storageMode": "s3"}}]}
    groups = [{"InstanceGroupType": "CORE", "InstanceType": "m6i.xlarge", "RequestedInstanceCount": 2},
              {"InstanceGroupType": "TASK", "InstanceType": "m6i.xlarge", "RequestedInstanceCount": 3}]
    assert p.cluster_drift(request, cluster, groups) == []
    cluster["ReleaseLabel"] = "emr-7.12.0"
    groups[0]["RequestedInstanceCount"] = 3
    drift = p.cluster_drift(request, cluster, groups)
    assert any("ReleaseLabel" in d for d in drift) and any("CORE: 3 instances" in d for d in drift)
    assert p.same({"a": [2, "3"]}, {"a": [2.0, 3]})


def test_failure_text_carries_emrs_reason():
    s = {"Name": "moodstream stop 1", "Id": "s-1", "Status": {"State": "FAILED", "FailureDetails": {
        "Reason": "Unknown error", "Message": "still running after 600s", "LogFile": "s3://b/logs/s-1/"}}}
    text = p.failure_text(s)
    assert "FAILED" in text and "still running after 600s" in text and "s3://b/logs/s-1/" in text
