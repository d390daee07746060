//! Secret values never reach a report: `rampart scan` in every format over manifests full of
//! distinct secrets prints at most four characters of any of them.

use std::path::PathBuf;
use std::process::Command;

/// The secret material planted in [`MANIFESTS`]. For structured secrets this is the part that
/// is secret (the key after `AccountKey=`, the password in a URL), not the text around it.
const SECRETS: &[&str] = &[
    // AccountKey of a storage connection string.
    "Wd4Fq8Ns2Xv6Bm0Rk3Tz7Lp1Hc5Jy9Ge2Ua6Io4Sb8Vn0Mx3Qw7Er1Ty5Ui9Op2As6Df0Gh4Jk8Lz3Xc7Vb1Nm5Qa9Ws==",
    // Password= of a SQL connection string.
    "Kr9$mTq2!vLx7Wp",
    // SharedAccessKey= of a Service Bus connection string.
    "Pz5Nw8Rc1Vt4Yb7Hm0Kq3Ls6Jd9Gf2Ae5Xu8Io1=",
    // A JSON Web Token.
    "eyJhbGciOiJFUzI1NiIsImtpZCI6Ims3In0.eyJzdWIiOiJzdmMtNzczMSIsImV4cCI6MTg5MzQ1NjAwMH0.Qx7vN2pL9mKz4Rt8Wb1Yc6Hd3Fs0Ja5Ue2Io7Lk9Mn4Bv",
    // The key material of a PEM private key, line by line.
    "MIIEowIBAAKCAQEAv3Nq8Zt5Lw2Kp7Xm4Rc9Hb1Yd6Fs0Jg3Ue8Io5Ta2Vn7Qk4Wl",
    "9Mx1Pz6Cb3Rf8Hy0Jd5Gs2Lk7Nv4Tq9Wm1Xe6Zr3Ua8Ic5Ob0Pt2Yh7Kf4Ld9Sg6",
    // A GitHub token and a Slack bot token.
    "ghp_Zq8Lm3Nx7Rv2Tb6Wk1Yc5Hd9Fs4Jp0Ge3Ua7",
    "xoxb-7731-90210-Hq4Tz8Lm2Wv6Nc0Rb5Yk9Xs3Jd",
    // The password of a broker URL.
    "Fj3kLp9Qz2Wm",
    // Literal env values: a password, and a random key under a neutral name.
    "Yh6!tRe4#Wq1Zx",
    "bG7Hx2Kq9Tz4Wv1Rn6Ys3Lm8Pc5Fd0Ja",
    // A password line inside an embedded ini file.
    "Ub3$Nk7&Lm2Qp",
    // Secret manifest values: in stringData, and in data (plain and base64).
    "Cv8^Bn4*Mz6Xs",
    "Tg5%Hy2@Ju8Ki",
    "VGc1JUh5MkBKdThLaQ==",
    // The signature of a SAS URL.
    "Rk2Vn8Qx5Lm1Tz7Wb4Yc0Hd6Fs3Jp9Ge2Ua5Io8",
];

const MANIFESTS: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: redaction-settings
  namespace: redaction
data:
  STORAGE: "DefaultEndpointsProtocol=https;AccountName=redactstore;AccountKey=Wd4Fq8Ns2Xv6Bm0Rk3Tz7Lp1Hc5Jy9Ge2Ua6Io4Sb8Vn0Mx3Qw7Er1Ty5Ui9Op2As6Df0Gh4Jk8Lz3Xc7Vb1Nm5Qa9Ws==;EndpointSuffix=core.windows.net"
  SQL: "Server=tcp:redact-sql.database.windows.net;Database=orders;User ID=app;Password=Kr9$mTq2!vLx7Wp;"
  BUS: "Endpoint=sb://redact-bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=Pz5Nw8Rc1Vt4Yb7Hm0Kq3Ls6Jd9Gf2Ae5Xu8Io1="
  CALLBACK_AUTH: "Bearer eyJhbGciOiJFUzI1NiIsImtpZCI6Ims3In0.eyJzdWIiOiJzdmMtNzczMSIsImV4cCI6MTg5MzQ1NjAwMH0.Qx7vN2pL9mKz4Rt8Wb1Yc6Hd3Fs0Ja5Ue2Io7Lk9Mn4Bv"
  signing.pem: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAv3Nq8Zt5Lw2Kp7Xm4Rc9Hb1Yd6Fs0Jg3Ue8Io5Ta2Vn7Qk4Wl
    9Mx1Pz6Cb3Rf8Hy0Jd5Gs2Lk7Nv4Tq9Wm1Xe6Zr3Ua8Ic5Ob0Pt2Yh7Kf4Ld9Sg6
    -----END RSA PRIVATE KEY-----
  CI: "ghp_Zq8Lm3Nx7Rv2Tb6Wk1Yc5Hd9Fs4Jp0Ge3Ua7"
  CHAT: "xoxb-7731-90210-Hq4Tz8Lm2Wv6Nc0Rb5Yk9Xs3Jd"
  worker.ini: |
    [queue]
    host = broker
    password = Ub3$Nk7&Lm2Qp
  EXPORT: "https://redactstore.blob.core.windows.net/out?sv=2022-11-02&se=2030-01-01T00:00:00Z&sp=r&sig=Rk2Vn8Qx5Lm1Tz7Wb4Yc0Hd6Fs3Jp9Ge2Ua5Io8"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redaction-worker
  namespace: redaction
spec:
  selector:
    matchLabels: { app: redaction-worker }
  template:
    metadata:
      labels: { app: redaction-worker }
    spec:
      containers:
      - name: worker
        image: redactacr.azurecr.io/worker:1.0.0
        env:
        - name: BROKER
          value: amqp://worker:Fj3kLp9Qz2Wm@broker.redaction.svc:5672/
        - name: DB_PASSWORD
          value: "Yh6!tRe4#Wq1Zx"
        - name: SIGNING_MATERIAL
          value: bG7Hx2Kq9Tz4Wv1Rn6Ys3Lm8Pc5Fd0Ja
---
apiVersion: v1
kind: Secret
metadata:
  name: redaction-db
  namespace: redaction
stringData:
  password: "Cv8^Bn4*Mz6Xs"
data:
  replica-password: VGc1JUh5MkBKdThLaQ==
"#;

/// Rules that must each have reported on the manifests, so that the check below is not
/// vacuous.
const RULES: &[&str] = &[
    "cluster.secrets.configmap-credential",
    "cluster.secrets.env-literal-credential",
    "cluster.secrets.plain-secret-manifest",
];

fn workdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rampart-redaction-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn no_report_format_prints_more_than_four_characters_of_a_secret() {
    let dir = workdir();
    let file = dir.join("manifests.yaml");
    std::fs::write(&file, MANIFESTS).unwrap();
    for s in SECRETS {
        // `Tg5%Hy2@Ju8Ki` is only in the manifests as base64.
        assert!(
            MANIFESTS.contains(s) || *s == "Tg5%Hy2@Ju8Ki",
            "secret {s} is not planted"
        );
    }
    for format in ["human", "json", "sarif", "junit"] {
        let out = Command::new(env!("CARGO_BIN_EXE_rampart"))
            .args(["scan", "--format", format, "--fail-on", "never"])
            .arg(&file)
            .current_dir(&dir)
            .output()
            .expect("run rampart");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for rule in RULES {
            assert!(text.contains(rule), "{format}: no {rule} finding:\n{text}");
        }
        for secret in SECRETS {
            let chars: Vec<char> = secret.chars().collect();
            for window in chars.windows(5) {
                let piece: String = window.iter().collect();
                assert!(
                    !text.contains(&piece),
                    "{format} output holds {piece:?}, part of a secret:\n{text}"
                );
            }
        }
        // The findings still say what was found.
        assert!(text.contains("Azure Storage account key"), "{format}");
        assert!(text.contains("JSON Web Token"), "{format}");
        assert!(text.contains("private key"), "{format}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
