//! The secrets rules against real public manifests (`../shared/corpus/real`): no finding on the
//! ordinary ConfigMaps, and every finding is one checked by hand to be a real credential.

use std::path::{Path, PathBuf};

use rampart::config::Config;
use rampart::context::Context;
use rampart::rules::{selector_matches, CATALOG};
use rampart::scan::Scan;
use rampart_document::Limits;

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    assert!(
        dir.is_dir(),
        "the shared corpus is missing at {}",
        dir.display()
    );
    dir
}

/// `(file, rule, object, field path)` of every expected finding, each checked by hand.
const EXPECTED: &[(&str, &str, &str, &str)] = &[
    // aks-store-demo: RabbitMQ's credentials (username "username", password "password") as
    // base64 in Secret manifests; the broker is configured with them and the services log in
    // with them, so they are the demo's live credentials, committed.
    (
        "aks-store-demo/aks-store-all-in-one.yaml",
        "plain-secret-manifest",
        "Secret default/rabbitmq-secrets",
        "data",
    ),
    (
        "aks-store-demo/aks-store-all-in-one.yaml",
        "plain-secret-manifest",
        "Secret default/order-service-secrets",
        "data",
    ),
    (
        "aks-store-demo/aks-store-ingress-quickstart.yaml",
        "plain-secret-manifest",
        "Secret default/rabbitmq-secrets",
        "data",
    ),
    (
        "aks-store-demo/aks-store-ingress-quickstart.yaml",
        "plain-secret-manifest",
        "Secret default/order-service-secrets",
        "data",
    ),
    // The same RabbitMQ password ("password"), and the document database password, written as
    // literal env values of the broker and of the services that connect to it.
    (
        "aks-store-demo/aks-store-all-in-one.yaml",
        "env-literal-credential",
        "Deployment default/makeline-service",
        "spec.template.spec.containers[0].env[2].value",
    ),
    (
        "aks-store-demo/aks-store-all-in-one.yaml",
        "env-literal-credential",
        "Deployment default/makeline-service",
        "spec.template.spec.containers[0].env[8].value",
    ),
    (
        "aks-store-demo/aks-store-quickstart.yaml",
        "env-literal-credential",
        "StatefulSet default/rabbitmq",
        "spec.template.spec.containers[0].env[1].value",
    ),
    (
        "aks-store-demo/aks-store-quickstart.yaml",
        "env-literal-credential",
        "Deployment default/order-service",
        "spec.template.spec.containers[0].env[3].value",
    ),
    (
        "aks-store-demo/kustomize/base/makeline-service.yaml",
        "env-literal-credential",
        "Deployment default/makeline-service",
        "spec.template.spec.containers[0].env[2].value",
    ),
    (
        "aks-store-demo/kustomize/base/makeline-service.yaml",
        "env-literal-credential",
        "Deployment default/makeline-service",
        "spec.template.spec.containers[0].env[8].value",
    ),
    (
        "aks-store-demo/kustomize/base/order-service.yaml",
        "env-literal-credential",
        "Deployment default/order-service",
        "spec.template.spec.containers[0].env[3].value",
    ),
    (
        "aks-store-demo/kustomize/base/rabbitmq.yaml",
        "env-literal-credential",
        "StatefulSet default/rabbitmq",
        "spec.template.spec.containers[0].env[1].value",
    ),
    (
        "aks-store-demo/sample-manifests/docs/app-routing/aks-store-deployments-and-services.yaml",
        "env-literal-credential",
        "Deployment default/rabbitmq",
        "spec.template.spec.containers[0].env[1].value",
    ),
    (
        "aks-store-demo/sample-manifests/docs/app-routing/aks-store-deployments-and-services.yaml",
        "env-literal-credential",
        "Deployment default/order-service",
        "spec.template.spec.containers[0].env[3].value",
    ),
    // MySQL user and root passwords ("mysql", "supersecret") the server is initialised with.
    (
        "examples/_archived/javaee/mysql-pod.yaml",
        "env-literal-credential",
        "Pod default/mysql-pod",
        "spec.containers[0].env[1].value",
    ),
    (
        "examples/_archived/javaee/mysql-pod.yaml",
        "env-literal-credential",
        "Pod default/mysql-pod",
        "spec.containers[0].env[3].value",
    ),
    // Volume plugin credentials in Secret manifests: Heketi's admin key, Quobyte's admin
    // user/password, Ceph keyrings (admin, user, CephFS, RBD), the Azure Files storage account
    // key, iSCSI CHAP credentials, ScaleIO and StorageOS API passwords.
    (
        "examples/_archived/persistent-volume-provisioning/glusterfs/glusterfs-secret.yaml",
        "plain-secret-manifest",
        "Secret default/heketi-secret",
        "data",
    ),
    (
        "examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
        "plain-secret-manifest",
        "Secret default/quobyte-admin-secret",
        "data",
    ),
    (
        "examples/_archived/persistent-volume-provisioning/rbd/ceph-secret-admin.yaml",
        "plain-secret-manifest",
        "Secret default/ceph-secret-admin",
        "data",
    ),
    (
        "examples/_archived/persistent-volume-provisioning/rbd/ceph-secret-user.yaml",
        "plain-secret-manifest",
        "Secret default/ceph-secret-user",
        "data",
    ),
    (
        "examples/_archived/volumes/azure_file/secret/azure-secret.yaml",
        "plain-secret-manifest",
        "Secret default/azure-secret",
        "data",
    ),
    (
        "examples/_archived/volumes/cephfs/secret/ceph-secret.yaml",
        "plain-secret-manifest",
        "Secret default/ceph-secret",
        "stringData",
    ),
    (
        "examples/_archived/volumes/iscsi/chap-secret.yaml",
        "plain-secret-manifest",
        "Secret default/chap-secret",
        "data",
    ),
    (
        "examples/_archived/volumes/rbd/secret/ceph-secret.yaml",
        "plain-secret-manifest",
        "Secret default/ceph-secret",
        "data",
    ),
    (
        "examples/_archived/volumes/scaleio/secret.yaml",
        "plain-secret-manifest",
        "Secret default/sio-secret",
        "data",
    ),
    (
        "examples/_archived/volumes/storageos/storageos-secret.yaml",
        "plain-secret-manifest",
        "Secret default/storageos-secret",
        "data",
    ),
    // Phabricator's MySQL password ("1234") as a literal env value.
    (
        "examples/_archived/phabricator/phabricator-controller.json",
        "env-literal-credential",
        "ReplicationController default/phabricator-controller",
        "spec.template.spec.containers[0].env[2].value",
    ),
    // MinIO's root credentials ("minio" / "minio123"): the access key is the root user name
    // and the secret key its password; both are needed to log in as root.
    (
        "examples/_archived/storage/minio/minio-distributed-statefulset.yaml",
        "env-literal-credential",
        "StatefulSet default/minio",
        "spec.template.spec.containers[0].env[0].value",
    ),
    (
        "examples/_archived/storage/minio/minio-distributed-statefulset.yaml",
        "env-literal-credential",
        "StatefulSet default/minio",
        "spec.template.spec.containers[0].env[1].value",
    ),
    (
        "examples/_archived/storage/minio/minio-standalone-deployment.yaml",
        "env-literal-credential",
        "Deployment default/minio-deployment",
        "spec.template.spec.containers[0].env[0].value",
    ),
    (
        "examples/_archived/storage/minio/minio-standalone-deployment.yaml",
        "env-literal-credential",
        "Deployment default/minio-deployment",
        "spec.template.spec.containers[0].env[1].value",
    ),
    // Galera: the state-transfer password ("sst"), the MySQL user and root passwords ("mysql",
    // "c-krit") of each node.
    (
        "examples/_archived/storage/mysql-galera/pxc-node1.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node1",
        "spec.template.spec.containers[0].env[3].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node1.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node1",
        "spec.template.spec.containers[0].env[5].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node1.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node1",
        "spec.template.spec.containers[0].env[6].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node2.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node2",
        "spec.template.spec.containers[0].env[3].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node2.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node2",
        "spec.template.spec.containers[0].env[5].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node2.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node2",
        "spec.template.spec.containers[0].env[6].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node3.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node3",
        "spec.template.spec.containers[0].env[3].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node3.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node3",
        "spec.template.spec.containers[0].env[5].value",
    ),
    (
        "examples/_archived/storage/mysql-galera/pxc-node3.yaml",
        "env-literal-credential",
        "ReplicationController default/pxc-node3",
        "spec.template.spec.containers[0].env[6].value",
    ),
    // The Sysdig agent's account access key, written as a literal env value; the manifest's
    // comment tells users to put their real key in that literal.
    (
        "examples/_archived/sysdig-cloud/sysdig-daemonset.yaml",
        "env-literal-credential",
        "DaemonSet default/sysdig-agent",
        "spec.template.spec.containers[0].env[0].value",
    ),
    (
        "examples/_archived/sysdig-cloud/sysdig-rc.yaml",
        "env-literal-credential",
        "ReplicationController default/sysdig-agent",
        "spec.template.spec.containers[0].env[0].value",
    ),
];

#[test]
fn secrets_rules_flag_only_real_credentials_in_the_real_corpus() {
    let root = corpus();
    let context = Context {
        version: rampart_pss::Version::LATEST,
        config: Config::default(),
    };
    let rules = CATALOG
        .iter()
        .copied()
        .filter(|r| selector_matches("cluster.secrets", r.id))
        .collect::<Vec<_>>();
    assert!(rules.len() >= 7, "secrets rules missing from the catalog");
    let result = Scan {
        context: &context,
        rules,
        limits: Limits::default(),
        progress: false,
    }
    .run(std::slice::from_ref(&root));
    assert!(
        result.errors.is_empty(),
        "load errors: {:#?}",
        result.errors
    );

    let prefix = format!("{}/", root.display());
    let mut actual: Vec<(String, String, String, String)> = result
        .findings
        .iter()
        .map(|f| {
            (
                f.location
                    .file
                    .strip_prefix(&prefix)
                    .unwrap_or(&f.location.file)
                    .to_string(),
                f.rule
                    .strip_prefix("cluster.secrets.")
                    .unwrap_or(f.rule)
                    .to_string(),
                f.resource.to_string(),
                f.location.path.clone(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, String, String)> = EXPECTED
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    actual.sort();
    expected.sort();
    let unexpected: Vec<_> = actual.iter().filter(|f| !expected.contains(f)).collect();
    let missing: Vec<_> = expected.iter().filter(|f| !actual.contains(f)).collect();
    assert!(
        unexpected.is_empty() && missing.is_empty(),
        "unexpected findings (false positives?): {unexpected:#?}\nexpected but not found: {missing:#?}"
    );

    // The corpus's ConfigMaps (ingress-nginx, flannel, Prometheus adapter, OpenTelemetry
    // collector, aks-store-demo settings) hold configuration, not credentials.
    // (The scan checks ConfigMaps one at a time and does not keep them: count them here.)
    let (inputs, _) = rampart::source::discover(std::slice::from_ref(&root));
    let configmaps: usize = inputs
        .iter()
        .map(|input| {
            let bytes = input.read().expect("read corpus file");
            rampart::source::load_bytes(&input.name(), &bytes, &Limits::default())
                .objects
                .iter()
                .filter(|o| o.kind == "ConfigMap")
                .count()
        })
        .sum();
    assert!(configmaps >= 15, "{configmaps} ConfigMaps read");
    assert!(!actual.iter().any(|f| f.1 == "configmap-credential"));
}
