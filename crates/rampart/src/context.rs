//! What every rule may consult besides its input: the target version and the settings.

use rampart_pss::Version;

use crate::config::Config;

pub struct Context {
    /// Pod Security Standards policy version the scan targets.
    pub version: Version,
    pub config: Config,
}
