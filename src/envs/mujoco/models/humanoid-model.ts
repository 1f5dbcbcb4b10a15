// The MJCF model of Humanoid-v5: a 3D biped with a free root joint, 17 hinges and two fixed
// tendons. Every number is that of Gymnasium's gymnasium/envs/mujoco/assets/humanoid.xml (the
// file humanoid_v5.py loads by default; read at Farama-Foundation/Gymnasium): timestep 0.003 s
// with RK4, the Newton solver with 50 iterations; joints by default armature 1, damping 1 and
// limited, each hinge with its own armature (0.0028 to 0.02), damping (5 on the abdomen and hips)
// and stiffness, the free root with none; geoms by default condim 1, contype and conaffinity 1,
// margin 0.001, density MuJoCo's default 1000 (inertia from the geoms); the floor with condim 3
// and friction (1, 0.1, 0.1); the torso at height 1.4, lwaist and pelvis turned by the quaternion
// (1, 0, −0.002, 0); the tendons left_hipknee and right_hipknee (−hip_y + knee, no stiffness,
// damping or limit: they enter only the info); 17 motors with ctrlrange ±0.4 and gears 100 (abdomen
// and hips x, z), 300 (hips y), 200 (knees) and 25 (arms), in the file's order. Left out: the
// textures, materials, colours, the light, the cameras, the visual fog, and `<size nkey="5"
// nuser_geom="1"/>` with the geoms' `user` numbers (keyframe slots and user data, which the
// simulation never reads).

/** Humanoid-v5's model (nq = 24: free joint x, y, z, quaternion, 17 hinges; nv = 23; nu = 17; nbody = 14, body 1 the torso; 2 tendons). */
export const HUMANOID_XML = `<mujoco model="humanoid">
  <compiler angle="degree" inertiafromgeom="true"/>
  <default>
    <joint armature="1" damping="1" limited="true"/>
    <geom conaffinity="1" condim="1" contype="1" margin="0.001"/>
    <motor ctrllimited="true" ctrlrange="-.4 .4"/>
  </default>
  <option integrator="RK4" iterations="50" solver="Newton" timestep="0.003"/>
  <worldbody>
    <geom condim="3" friction="1 .1 .1" name="floor" pos="0 0 0" size="20 20 0.125" type="plane"/>
    <body name="torso" pos="0 0 1.4">
      <joint armature="0" damping="0" limited="false" name="root" pos="0 0 0" stiffness="0" type="free"/>
      <geom fromto="0 -.07 0 0 .07 0" name="torso1" size="0.07" type="capsule"/>
      <geom name="head" pos="0 0 .19" size=".09" type="sphere"/>
      <geom fromto="-.01 -.06 -.12 -.01 .06 -.12" name="uwaist" size="0.06" type="capsule"/>
      <body name="lwaist" pos="-.01 0 -0.260" quat="1.000 0 -0.002 0">
        <geom fromto="0 -.06 0 0 .06 0" name="lwaist" size="0.06" type="capsule"/>
        <joint armature="0.02" axis="0 0 1" damping="5" name="abdomen_z" pos="0 0 0.065" range="-45 45" stiffness="20" type="hinge"/>
        <joint armature="0.02" axis="0 1 0" damping="5" name="abdomen_y" pos="0 0 0.065" range="-75 30" stiffness="10" type="hinge"/>
        <body name="pelvis" pos="0 0 -0.165" quat="1.000 0 -0.002 0">
          <joint armature="0.02" axis="1 0 0" damping="5" name="abdomen_x" pos="0 0 0.1" range="-35 35" stiffness="10" type="hinge"/>
          <geom fromto="-.02 -.07 0 -.02 .07 0" name="butt" size="0.09" type="capsule"/>
          <body name="right_thigh" pos="0 -0.1 -0.04">
            <joint armature="0.01" axis="1 0 0" damping="5" name="right_hip_x" pos="0 0 0" range="-25 5" stiffness="10" type="hinge"/>
            <joint armature="0.01" axis="0 0 1" damping="5" name="right_hip_z" pos="0 0 0" range="-60 35" stiffness="10" type="hinge"/>
            <joint armature="0.0080" axis="0 1 0" damping="5" name="right_hip_y" pos="0 0 0" range="-110 20" stiffness="20" type="hinge"/>
            <geom fromto="0 0 0 0 0.01 -.34" name="right_thigh1" size="0.06" type="capsule"/>
            <body name="right_shin" pos="0 0.01 -0.403">
              <joint armature="0.0060" axis="0 -1 0" name="right_knee" pos="0 0 .02" range="-160 -2" type="hinge"/>
              <geom fromto="0 0 0 0 0 -.3" name="right_shin1" size="0.049" type="capsule"/>
              <body name="right_foot" pos="0 0 -0.45">
                <geom name="right_foot" pos="0 0 0.1" size="0.075" type="sphere"/>
              </body>
            </body>
          </body>
          <body name="left_thigh" pos="0 0.1 -0.04">
            <joint armature="0.01" axis="-1 0 0" damping="5" name="left_hip_x" pos="0 0 0" range="-25 5" stiffness="10" type="hinge"/>
            <joint armature="0.01" axis="0 0 -1" damping="5" name="left_hip_z" pos="0 0 0" range="-60 35" stiffness="10" type="hinge"/>
            <joint armature="0.01" axis="0 1 0" damping="5" name="left_hip_y" pos="0 0 0" range="-110 20" stiffness="20" type="hinge"/>
            <geom fromto="0 0 0 0 -0.01 -.34" name="left_thigh1" size="0.06" type="capsule"/>
            <body name="left_shin" pos="0 -0.01 -0.403">
              <joint armature="0.0060" axis="0 -1 0" name="left_knee" pos="0 0 .02" range="-160 -2" stiffness="1" type="hinge"/>
              <geom fromto="0 0 0 0 0 -.3" name="left_shin1" size="0.049" type="capsule"/>
              <body name="left_foot" pos="0 0 -0.45">
                <geom name="left_foot" type="sphere" size="0.075" pos="0 0 0.1"/>
              </body>
            </body>
          </body>
        </body>
      </body>
      <body name="right_upper_arm" pos="0 -0.17 0.06">
        <joint armature="0.0068" axis="2 1 1" name="right_shoulder1" pos="0 0 0" range="-85 60" stiffness="1" type="hinge"/>
        <joint armature="0.0051" axis="0 -1 1" name="right_shoulder2" pos="0 0 0" range="-85 60" stiffness="1" type="hinge"/>
        <geom fromto="0 0 0 .16 -.16 -.16" name="right_uarm1" size="0.04 0.16" type="capsule"/>
        <body name="right_lower_arm" pos=".18 -.18 -.18">
          <joint armature="0.0028" axis="0 -1 1" name="right_elbow" pos="0 0 0" range="-90 50" stiffness="0" type="hinge"/>
          <geom fromto="0.01 0.01 0.01 .17 .17 .17" name="right_larm" size="0.031" type="capsule"/>
          <geom name="right_hand" pos=".18 .18 .18" size="0.04" type="sphere"/>
        </body>
      </body>
      <body name="left_upper_arm" pos="0 0.17 0.06">
        <joint armature="0.0068" axis="2 -1 1" name="left_shoulder1" pos="0 0 0" range="-60 85" stiffness="1" type="hinge"/>
        <joint armature="0.0051" axis="0 1 1" name="left_shoulder2" pos="0 0 0" range="-60 85" stiffness="1" type="hinge"/>
        <geom fromto="0 0 0 .16 .16 -.16" name="left_uarm1" size="0.04 0.16" type="capsule"/>
        <body name="left_lower_arm" pos=".18 .18 -.18">
          <joint armature="0.0028" axis="0 -1 -1" name="left_elbow" pos="0 0 0" range="-90 50" stiffness="0" type="hinge"/>
          <geom fromto="0.01 -0.01 0.01 .17 -.17 .17" name="left_larm" size="0.031" type="capsule"/>
          <geom name="left_hand" pos=".18 -.18 .18" size="0.04" type="sphere"/>
        </body>
      </body>
    </body>
  </worldbody>
  <tendon>
    <fixed name="left_hipknee">
      <joint coef="-1" joint="left_hip_y"/>
      <joint coef="1" joint="left_knee"/>
    </fixed>
    <fixed name="right_hipknee">
      <joint coef="-1" joint="right_hip_y"/>
      <joint coef="1" joint="right_knee"/>
    </fixed>
  </tendon>
  <actuator>
    <motor gear="100" joint="abdomen_y" name="abdomen_y"/>
    <motor gear="100" joint="abdomen_z" name="abdomen_z"/>
    <motor gear="100" joint="abdomen_x" name="abdomen_x"/>
    <motor gear="100" joint="right_hip_x" name="right_hip_x"/>
    <motor gear="100" joint="right_hip_z" name="right_hip_z"/>
    <motor gear="300" joint="right_hip_y" name="right_hip_y"/>
    <motor gear="200" joint="right_knee" name="right_knee"/>
    <motor gear="100" joint="left_hip_x" name="left_hip_x"/>
    <motor gear="100" joint="left_hip_z" name="left_hip_z"/>
    <motor gear="300" joint="left_hip_y" name="left_hip_y"/>
    <motor gear="200" joint="left_knee" name="left_knee"/>
    <motor gear="25" joint="right_shoulder1" name="right_shoulder1"/>
    <motor gear="25" joint="right_shoulder2" name="right_shoulder2"/>
    <motor gear="25" joint="right_elbow" name="right_elbow"/>
    <motor gear="25" joint="left_shoulder1" name="left_shoulder1"/>
    <motor gear="25" joint="left_shoulder2" name="left_shoulder2"/>
    <motor gear="25" joint="left_elbow" name="left_elbow"/>
  </actuator>
</mujoco>
`;
